static void lov_pool_add(struct lov_pool *pool, int flag)
{
	mutex_lock(&pool->lp_lock);
	if (flag)
		mutex_unlock(&pool->lp_lock);
	pool->lp_count++;
}

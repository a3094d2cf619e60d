static int ldlm_pool_recalc(struct ldlm_pool *pl)
{
	int granted = atomic_read(&pl->pl_granted);
	int limit = pl->pl_limit;

	return granted > limit;
}

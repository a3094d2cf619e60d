static void plugh_sync(struct plugh *p)
{
	int i;

	for (i = 0; i < p->count; i++) {
		mutex_lock(&p->slots[i].lock);
		plugh_flush(&p->slots[i]);
		mutex_unlock(&p->slots[i].lock);
	}
	mutex_lock(&p->lock);
	p->synced = 1;
	mutex_unlock(&p->lock);
}

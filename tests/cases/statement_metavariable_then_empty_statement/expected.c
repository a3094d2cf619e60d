static void dev_sync(struct dev *d)
{
	d->count = dev_count(d);
	for (int i = 0; i < d->nr; i++)
		d->v[i] = 0;
	if (d->flag) {
		dev_flush(d);
	}
	dev_unlock(d);
}

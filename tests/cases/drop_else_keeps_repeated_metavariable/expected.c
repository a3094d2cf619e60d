static void dev_put(struct dev *d)
{
	if (d->refs)
		d->refs--;
	if (same_branches(d->x))
		dev_free(d);
	else
		dev_free(d);
	if (d->y)
		dev_free(d);
	else
		dev_release(d);
}

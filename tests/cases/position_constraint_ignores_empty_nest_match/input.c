static int dev_reset(struct dev *d)
{
	return d->ops->reset(d);
}

static int dev_check(struct dev *d)
{
	int ret = dev_probe(d);

	return ret < 0 ? ret : 0;
}

static int dev_pick(struct dev *d, int a, int b)
{
	d->val = a < b ? a : b;
	return 0;
}

static int dev_setup(struct dev *d)
{
	int unused;

	return dev_enable(d);
}

static int other_count;

static int dev_stop(struct dev *d)
{
	return dev_disable(d);
}

static int dev_setup(struct dev *d)
{
	int ret;
	int unused;

	ret = dev_enable(d);
	if (ret != 0)
		return ret;
	return 0;
}

static int other_count;

static int dev_stop(struct dev *d)
{
	return dev_disable(d);
}

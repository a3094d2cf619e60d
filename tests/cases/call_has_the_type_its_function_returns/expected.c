static bool dev_idle(struct dev *d);
static int dev_users(struct dev *d);

static bool dev_busy(struct dev *d)
{
	return d->users > 0;
}

static int dev_stop(struct dev *d)
{
	if (!dev_busy(d))
		return 0;
	if (dev_idle(d))
		return 1;
	if (dev_users(d) == false)
		return 2;
	if (dev_probe(d) == true)
		return 3;
	return -EBUSY;
}

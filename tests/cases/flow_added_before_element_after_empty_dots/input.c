static int mgc_setup(struct obd_device *obd)
{
	return 0;
}

static int mgc_cleanup(int flags, struct obd_device *obd)
{
	return flags;
}

static int mgc_setup(struct lu_env *env, struct obd_device *obd)
{
	return 0;
}

static int mgc_cleanup(int flags, struct lu_env *env, struct obd_device *obd)
{
	return flags;
}

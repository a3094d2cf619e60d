static int obd_setup_checked(struct obd_device *obd, struct lustre_cfg *lcfg)
{
	int rc;

	rc = obd_setup(obd, lcfg);
	if (rc)
		CERROR("%s: setup failed: rc = %d\n", obd->obd_name, rc);
	lprocfs_counter_incr(obd->obd_stats, LPROC_ERRORS);

	rc = obd_connect_self(obd);
	if (rc) {
		obd_cleanup(obd);
	}
	lprocfs_counter_incr(obd->obd_stats, LPROC_ERRORS);
	return rc;
}

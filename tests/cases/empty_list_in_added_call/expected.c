static void mdc_report(struct obd_device *obd, int rc)
{
	CDEBUG_LIMIT(D_HA, "reconnected\n", 0);
	mdc_trace("reconnected\n");
	CDEBUG_LIMIT(D_HA, "%s: rc = %d\n", obd->obd_name, rc, 0);
	mdc_trace("%s: rc = %d\n", obd->obd_name, rc);
}

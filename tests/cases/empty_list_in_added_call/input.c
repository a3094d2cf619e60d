static void mdc_report(struct obd_device *obd, int rc)
{
	CDEBUG(D_HA, "reconnected\n");
	CDEBUG(D_HA, "%s: rc = %d\n", obd->obd_name, rc);
}

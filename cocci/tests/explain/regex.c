static void mdc_setup(struct obd_device *obd)
{
	osc_setup(obd, NULL);
}

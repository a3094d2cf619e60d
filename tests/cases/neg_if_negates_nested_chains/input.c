static void mgc_release(struct obd_device *obd, bool ready)
{
	if (obd == NULL || !ready)
		mgc_cleanup();
	else
		obd_put(obd);

	if (obd != NULL && ready)
		obd_put(obd);
	else
		mgc_cleanup();

	if (ready && obd)
		obd_put(obd);
	else
		mgc_cleanup();

	if (ready || obd)
		obd_put(obd);
	else
		mgc_cleanup();
}

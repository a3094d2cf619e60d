struct obd_device *mgc_obd;

static void mgc_release(void)
{
	class_decref(mgc_obd);
}

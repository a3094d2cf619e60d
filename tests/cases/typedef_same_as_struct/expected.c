typedef struct obd_device {
	int obd_refs;
} obd_device_t;

static int obd_touch(struct obd_device *obd, obd_device_t *peer)
{
	class_get_counted(obd);
	obd->obd_refs++;
	class_put_counted(peer);
	return 0;
}

static int mdc_set_mode(struct obd_device *obd, int mode)
{
	int rc = 0;

	down_write(&obd->obd_dev_mutex);
	switch (mode) {
	case 1:
		obd->obd_mode = MODE_RO;
		break;
	case 2:
		obd->obd_mode = MODE_RW;
		break;
	default:
		rc = -EINVAL;
		break;
	}
	up_write(&obd->obd_dev_mutex);
	return rc;
}

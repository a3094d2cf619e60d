static void obd_zombie_release(struct obd_device *obd)
{
	spin_unlock(&obd->obd_dev_lock);
}

static int obd_zombie_barrier(struct obd_device *obd, int rc)
{
	spin_lock(&obd->obd_dev_lock);
	if (rc == 0)
		spin_unlock(&obd->obd_dev_lock);
	else if (rc == -EAGAIN) {
		spin_unlock(&obd->obd_dev_lock);
	} else {
		obd->obd_stopping = 1;
		spin_unlock(&obd->obd_dev_lock);
	}

	while (obd->obd_recovering)
		spin_unlock(&obd->obd_recovery_lock);

	switch (rc) {
	case -ENODEV:
		spin_unlock(&obd->obd_recovery_lock);
		break;
	default:
		break;
	}

	{
		spin_unlock(&obd->obd_recovery_lock);
	}
	return rc;
}

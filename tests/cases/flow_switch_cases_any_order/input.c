static long bar_ioctl(struct bar_dev *dev, unsigned int cmd)
{
	switch (cmd) {
	case IOC_GET:
		bar_get(dev);
		break;
	case IOC_SET:
		bar_set(dev);
		break;
	case IOC_RESET:
		mutex_lock(&dev->lock);
		bar_reset(dev);
		mutex_unlock(&dev->lock);
		break;
	}
	return 0;
}

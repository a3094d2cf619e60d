static void xdev_drain(struct xdev *xd)
{
	while (xd->xd_open) {
		xdev_poll(xd);
		if (dev_is_busy(xd->xd_dev)) {
			dev_relax(xd->xd_dev);
		}
	}
}

static void xdev_drain(struct xdev *xd)
{
	while (xd->xd_open) {
		xdev_poll(xd);
		if (dev_busy_timeout(xd->xd_dev, 10)) {
			cpu_relax();
		}
	}
}

static int quux_ping(struct net_device *nd, int fast)
{
	dev_hold(nd);
	if (fast) {
		dev_release(nd);
		return 0;
	}
	quux_wait(nd);
	dev_release(nd);
	return 1;
}

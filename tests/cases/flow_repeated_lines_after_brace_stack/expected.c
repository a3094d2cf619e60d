static void lnet_count(void)
{
	long sent;
	long recv;
	long dropped;
	lnet_stats(&sent, &recv, &dropped);
}

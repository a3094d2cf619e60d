static void lnet_count(void)
{
	int sent;
	int recv;
	int dropped;

	lnet_stats(&sent, &recv, &dropped);
}

static void ptlrpc_wait_a_bit(void)
{
	msleep(1);
}

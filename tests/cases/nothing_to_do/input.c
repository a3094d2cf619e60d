static int ll_idle(void)
{
	return 0;
}

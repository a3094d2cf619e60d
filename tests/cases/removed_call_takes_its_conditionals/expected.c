static int osc_setup(void)
{
	return 0;
}

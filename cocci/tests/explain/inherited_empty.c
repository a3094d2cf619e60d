static int osd_check(void)
{
	return 0;
}

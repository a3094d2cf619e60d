static void osd_die(void)
{
	BUG();
}

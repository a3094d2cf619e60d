static void mgs_fini(void)
{
	mgs_cleanup(NULL);
}

static void mdt_fini(struct mdt_device *m)
{
	int x = (;
	OBD_FREE_PTR(m);
}

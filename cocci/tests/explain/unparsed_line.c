static void mdt_fini(struct mdt_device *m)
{
	OBD_FREE_PTR(m) +;
}

static void mdt_fini(struct mdt_device *m)
{
	mdt_stack_fini(m);
	OBD_FREE_PTR(m);
}

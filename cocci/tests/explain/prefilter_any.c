static void obd_free(void *p)
{
	kfree(p);
}

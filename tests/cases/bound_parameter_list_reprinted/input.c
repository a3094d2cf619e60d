static int osc_io_prep(struct osc_io*oio,int  n)
{
	oio->oi_count = n;
	return 0;
}

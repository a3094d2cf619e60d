static int osc_io_prep(struct osc_io *oio, int n)
{
	oio->oi_count=n;
	if(n>OSC_MAX) oio->oi_count=OSC_MAX;
	return 0;
}

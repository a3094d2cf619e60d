void setup(void)
{
	char *buf;
	use(buf);
}

void reset(void)
{
	long buf;
	use(buf);
}

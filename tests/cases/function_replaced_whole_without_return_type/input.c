static int counter;

int legacy_init(void)
{
	if (counter)
		return -1;
	counter = 1;
	return 0;
}

void other(void)
{
	counter = 0;
}

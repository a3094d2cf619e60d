static int counter;

modern_init(void) {
	return setup_all();
}

void other(void)
{
	counter = 0;
}

void run(int x, int y)
{
	pair_open(x, y, x);
	log_state();
	pair_close(y, x, x);
	check(x, x);
	check(y, x);
	check(y, x);
}

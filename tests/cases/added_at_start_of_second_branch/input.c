void run(int n)
{
	static_check(n);
	do_work(n);
	do_work(n + 1);
}

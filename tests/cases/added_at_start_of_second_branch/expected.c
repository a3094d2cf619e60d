void run(int n)
{
	static_check(n);
	runtime_check(n);
	do_work(n);
	runtime_check(n + 1);
	do_work(n + 1);
}

static int qux_resume(struct device *d)
{
	int users;

	pm_runtime_get(d);
	users = d->power.usage + 1;
	return users;
}

static void qux_suspend(struct device *d)
{
	pm_runtime_get(d);
	qux_halt(d);
}

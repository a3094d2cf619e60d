static void osc_time_io(struct osc_object *obj)
{
	unsigned long flags, ts_start;
	unsigned long ts_a, ts_b;
	static unsigned long ts_last, other;

	ts_start = jiffies;
	osc_io_wait(obj, &flags);
	ts_a = ts_b = ts_last = other = jiffies - ts_start;
}

static void osc_time_io(struct osc_object *obj)
{
	unsigned long flags;
	u64 ts_start;
	u64 ts_a;
	u64 ts_b;
	static unsigned long ts_last, other;

	ts_start = jiffies;
	osc_io_wait(obj, &flags);
	ts_a = ts_b = ts_last = other = jiffies - ts_start;
}

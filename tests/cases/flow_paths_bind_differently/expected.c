static void bar_kick(struct bar_queue *q, int urgent)
{
	lock_queue(q);
	if (urgent) {
		wake_up_locked(q, &q->fast_wait);
	} else {
		wake_up_locked(q, &q->slow_wait);
	}
	bar_account(q);
}

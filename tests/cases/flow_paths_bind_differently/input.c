static void bar_kick(struct bar_queue *q, int urgent)
{
	lock_queue(q);
	if (urgent) {
		wake_up(&q->fast_wait);
	} else {
		wake_up(&q->slow_wait);
	}
	bar_account(q);
}

static void thud_run(struct thud *t)
{
	thud_begin(t);
	do {
		thud_trace(t);
		thud_step(t);
	} while (thud_more(t));
	thud_trace(t);
	thud_end(t);
}

static void thud_run(struct thud *t)
{
	thud_begin(t);
	do {
		if (thud_debug) {
			thud_dump(t);
		}
		thud_step(t);
	} while (thud_more(t));
	if (thud_debug) {
		thud_dump(t);
	}
	thud_end(t);
}

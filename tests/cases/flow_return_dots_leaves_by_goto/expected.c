static int waldo_setup(struct waldo *w)
{
	if (!w->regs) {
		w->state = 0;
		goto out;
	}
	if (w->busy) {
		return -EBUSY;
	}
	waldo_enable(w);
out:
	return 0;
}

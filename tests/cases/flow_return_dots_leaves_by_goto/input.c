static int waldo_setup(struct waldo *w)
{
	if (!w->regs) {
		pr_debug("leaving early\n");
		w->state = 0;
		goto out;
	}
	if (w->busy) {
		pr_debug("leaving early\n");
		return -EBUSY;
	}
	waldo_enable(w);
out:
	return 0;
}

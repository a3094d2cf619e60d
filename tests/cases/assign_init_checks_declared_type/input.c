static bool dev_ready(struct dev *d)
{
	int ret = 0;
	bool busy = 0;
	bool done;
	unsigned i;

	for (i = 0; i < d->nr; i++)
		ret += d->v[i];
	for (unsigned j = 0; j < d->nr; j++)
		d->v[j] = 1;
	done = 1;
	ret = 1;
	d->flag = 0;
	busy = d->busy;
	return done && !busy && ret;
}

static int dev_scan(struct dev *d)
{
	bool seen = 1, dirty = 0;
	long count = 1, missed = 0;

	for (bool first = 1; d; d = d->next, first = 0)
		count += first;
	return seen + dirty + count + missed;
}

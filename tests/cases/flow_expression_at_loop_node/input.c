static int key_table_fill(struct key_table *tbl, int n)
{
	struct key_list *keys;
	int i, idx = 0;

	while (idx < n) {
		KEY_LIST_ALLOC(keys, n);
		if (!keys)
			return -ENOMEM;
		for (i = 1; i <= keys->kl_max; i++)
			keys->kl_props[i] = tbl->kt_default;
		while (i > keys->kl_used)
			keys->kl_props[--i] = NULL;
		idx++;
	}
	return 0;
}

static int key_queue_trim(struct key_queue *q, struct key_batch *kb, int size)
{
	if (kb) {
		do {
			kb->kb_count--;
			q->kq_total--;
		} while (kb->kb_used + size > KEY_BATCH_MAX);
	}

	if (!kb)
		kb = &q->kq_spare;
	return kb->kb_count;
}

void item_dump(struct printbuf *out, struct list_head *heads, int nr)
{
	struct item *it;

	for (int i = 0; i < nr; i++)
		list_for_each_entry(it, &heads[i], link) {
			prt_printf(out, "%p\n", it);
		}
}

void item_last(struct list_head *head)
{
	struct item *it;

	list_for_each_entry(it, head, link) {
		item_get(it);
	}
	item_put(it);
}

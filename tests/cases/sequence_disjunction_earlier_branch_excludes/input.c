struct item *item_new(struct list_head *head)
{
	struct item *it;

	list_for_each_entry(it, head, link) {
		item_get(it);
	}
	it = kzalloc(sizeof(*it), GFP_KERNEL);
	return it;
}

void item_last(struct list_head *head)
{
	struct item *it;

	list_for_each_entry(it, head, link) {
		item_get(it);
	}
	item_put(it);
}

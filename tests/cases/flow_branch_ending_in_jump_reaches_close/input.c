int walk_with_break(struct list *l)
{
	struct item *it;
	int err = 0;

	list_walk(l, it) {
		err = item_check(it);
		if (err) {
			item_release(it);
			break;
		}
		item_touch(it);
		item_release(it);
	}
	return err;
}

int walk_with_goto(struct list *l)
{
	struct item *it;

	list_walk(l, it) {
		if (item_bad(it)) {
			item_release(it);
			goto fail;
		}
		item_release(it);
	}
	return 0;
fail:
	return -1;
}

int walk_falling_through(struct list *l)
{
	struct item *it;

	list_walk(l, it) {
		if (item_bad(it)) {
			item_release(it);
			item_log(it);
		}
		item_release(it);
	}
	return 0;
}

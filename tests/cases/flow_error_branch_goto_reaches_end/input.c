/*
 * An error branch's goto may skip the unlock only if the unlock occurs on no path
 * after the goto: here the label's code unlocks on one branch and not on the other,
 * so the lock of tbl_attach() is not released on every path and stays as it is.
 * The goto of tbl_detach() leads to no unlock at all: its path need not reach one.
 */
int tbl_attach(struct tbl *t, int rc)
{
	mutex_lock(&t->tbl_lock);
	if (t->tbl_slot == NULL)
		goto out_free;
	t->tbl_count++;
	mutex_unlock(&t->tbl_lock);
out_free:
	if (rc)
		mutex_unlock(&t->tbl_lock);
	return rc;
}

int tbl_detach(struct tbl *t)
{
	int rc = 0;

	mutex_lock(&t->tbl_lock);
	if (t->tbl_slot == NULL) {
		rc = -ENOENT;
		goto out;
	}
	t->tbl_count--;
	mutex_unlock(&t->tbl_lock);
out:
	return rc;
}

int tbl_resize(struct tbl *t, int size)
{
	mutex_lock(&t->tbl_lock);
	while (t->tbl_size < size) {
		if (tbl_grow(t))
			break;
	}
	mutex_unlock(&t->tbl_lock);
	return 0;
}

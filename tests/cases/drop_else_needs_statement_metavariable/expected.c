static void journal_pick(struct journal *j, struct list *l)
{
	if (l->last > j->last)
		j->last = l->last;
	if (l->seq > j->seq) {
		j->seq = l->seq;
	}
	j->first = max(l->first, j->first);
	j->low = min(l->low, j->low);
}

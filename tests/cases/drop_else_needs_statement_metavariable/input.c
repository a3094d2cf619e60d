static void journal_pick(struct journal *j, struct list *l)
{
	if (l->last > j->last)
		j->last = l->last;
	if (l->seq > j->seq) {
		j->seq = l->seq;
	}
	if (l->first > j->first) {
		j->first = l->first;
	} else {
		j->first = j->first;
	}
	if (l->low < j->low)
		j->low = l->low;
}

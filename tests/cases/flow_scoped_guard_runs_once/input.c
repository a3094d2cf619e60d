static void journal_write_done(struct journal *j, struct journal_buf *w)
{
	scoped_guard(mutex, &j->buf_lock) {
		w->written++;
		spin_lock(&j->lock);
		j->seq_ondisk = w->seq;
	}
	journal_wake(j);
	spin_unlock(&j->lock);
}

static void journal_flush_all(struct journal *j, struct journal_buf *w)
{
	for_each_journal_buf(j, w) {
		w->flushed++;
		spin_lock(&j->lock);
		j->seq_ondisk = w->seq;
	}
	spin_unlock(&j->lock);
}

static int journal_reclaim(struct journal *j, struct journal_buf *w)
{
	scoped_cond_guard(mutex_intr, return -EINTR, &j->reclaim_lock) {
		spin_lock(&j->lock);
		j->reclaimed = w->seq;
	}
	spin_lock(&j->lock);
	j->reclaim_seq++;
	spin_unlock(&j->lock);
	return 0;
}

static void ll_stat_show(struct seq_file *m, int n)
{
	char *buf;

	buf = kmalloc(n, GFP_KERNEL);
	seq_printf(m, "%d\n", n);
	kfree_sensitive(buf);
}

static void ll_stat_dump(struct seq_file *m, int n)
{
	char *buf;

	buf = kmalloc(n, GFP_KERNEL);
	fill_stats(buf);
	kfree(buf);
}

static void osc_lru_account(struct client_obd *cli)
{
	long long nr_pages;
	int nr_free;
	unsigned long flags;
	long nr_busy;

	nr_pages = atomic_long_read(&cli->cl_lru_in_list);
	nr_free = cli->cl_lru_free;
	nr_busy = nr_pages - nr_free;
	spin_lock_irqsave(&cli->cl_lock, flags);
	spin_unlock_irqrestore(&cli->cl_lock, flags);
}

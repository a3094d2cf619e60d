static void grault_fill(struct grault *g)
{
	fn_locked(g, GFP_KERNEL);
	grault_prepare(g);
	spin_unlock_irq(&lock);
}

static void grault_drain(struct grault *g)
{
	grault_free(g, GFP_ATOMIC);
	spin_unlock(&g->lock);
}

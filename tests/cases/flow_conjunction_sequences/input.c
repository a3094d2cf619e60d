static void grault_fill(struct grault *g)
{
	grault_alloc(g, GFP_KERNEL);
	grault_prepare(g);
	spin_unlock(&g->lock);
}

static void grault_drain(struct grault *g)
{
	grault_free(g, GFP_ATOMIC);
	spin_unlock(&g->lock);
}

static void pool_release(struct pool *pool)
{
	struct page *page;
	struct page **slots[];
	u8 ***rings[];
	char *names[];

	page = pool->first;
	release_pages(slots, rings, names, page);
}

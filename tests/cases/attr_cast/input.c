static u32 read_pair(void __iomem *base, int off)
{
	u32 lo = (__force u32)readl(base + off);
	u32 hi = (u32 __force)readl(base + off + 4);
	void *q = (void * __force)base;

	return lo ^ hi ^ (q != NULL);
}

static int mac_read_stats(struct mac_dev *dev)
{
	u32 count;
	u32 *reg;
	u16 lanes[4];
	u16 mask;
	u64 total;

	reg = dev->base + MAC_STATS;
	count = readl(reg);
	mask = dev->lane_mask;
	total = count;
	return lanes[0] + mask + total;
}

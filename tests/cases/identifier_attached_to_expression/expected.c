static int count_ports(struct device *dev)
{
	unsigned long total;
	int i;

	total = 0;
	for (i = 1; i < dev->nports; i++)
		total += dev->ports[i].count;
	return total;
}

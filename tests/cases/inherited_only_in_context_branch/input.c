int setup(struct device *dev)
{
	int ready;

	ready = 1;
	dev->ready = 1;
	return ready;
}

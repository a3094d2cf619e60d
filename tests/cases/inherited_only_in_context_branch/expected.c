int setup(struct device *dev)
{
	int ready;

	ready = true;
	dev->ready = true;
	return ready;
}

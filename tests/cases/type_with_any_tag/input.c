struct device;
union key;

static void release_all(struct device *dev, union key *k, struct device d,
			enum state *st, int *count)
{
	put(dev);
	put(k);
	put(&d);
	put(st);
	put(count);
}

struct device;
union key;

static void release_all(struct device *dev, union key *k, struct device d,
			enum state *st, int *count)
{
	put_struct(dev);
	put_union(k);
	put_struct(&d);
	put(st);
	put(count);
}

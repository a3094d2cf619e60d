static struct device_node *xyzzy_find(struct device_node *parent)
{
	struct device_node *child;

	for_each_child_of_node(parent, child) {
		if (xyzzy_match(child)) {
			of_node_put(child);
			return child;
		}
		xyzzy_count++;
	}
	return NULL;
}

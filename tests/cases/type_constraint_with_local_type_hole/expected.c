struct port_cache {
	unsigned long *bitmap;
	struct port **ports;
};

struct port_cache {
	unsigned long *bitmap;
	unsigned int count;
	struct port **ports;
	spinlock_t lock;
};

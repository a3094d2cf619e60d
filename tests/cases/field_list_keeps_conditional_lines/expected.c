struct port_stats {
	/* frames seen on the wire */
	unsigned long rx_frames;
#ifdef CONFIG_PORT_ERRORS
	unsigned long rx_errors;  /* crc and framing */
#endif

	unsigned long tx_frames;
#ifdef CONFIG_PORT_DROPS
	unsigned long tx_dropped;
#endif
};

struct port_stats_snapshot {
	unsigned long rx_frames;
#ifdef CONFIG_PORT_ERRORS
	unsigned long rx_errors;
#endif
	unsigned long tx_frames;
#ifdef CONFIG_PORT_DROPS
	unsigned long tx_dropped;
#endif
};
struct port_ops {
	int (*open)(struct port *p);
};

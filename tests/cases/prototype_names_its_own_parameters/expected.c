static int port_setup(struct port *p, int speed, unsigned int flags);
static int port_other(struct port *p, int speed);

static int port_setup(struct port *port, int baud, unsigned int flags)
{
	port->baud = baud;
	return 0;
}

static int port_other(struct port *port, int baud)
{
	return port_setup(port, baud);
}

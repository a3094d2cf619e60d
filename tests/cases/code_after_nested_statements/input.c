static int reset_port(struct port *p, int force)
{
	if (p->enabled)
		if (force)
			port_stop(p);
	return 0;
}

static int reset_port(struct port *p, int force)
{
	if (p->enabled) {
		if (force) {
			port_stop(p);
			trace_port(p);
		}
		trace_port(p);
	}
	trace_port(p);
	return 0;
	trace_port(p);
}

static int debug_enabled;

void port_close(struct port *p) { {
		if (debug_enabled)
			trace_exit(__func__);
	}
	return; }

void port_reset(struct port *p) { {
		if (debug_enabled)
			trace_exit(__func__);
	}
	p->state = 0; p->count = 0; }

int probe(struct port *p)
{
	port_reset(p);
	return 0;
}

int probe_ports(struct board *b)
{
	struct port *p;

	for_each_port(b, p) {
		p->state = 0;
		if (port_reset(p))
			goto fail;
		port_enable(p);
	}
	return 0;
fail:
	return -1;
}

int scan_ports(struct board *b)
{
	struct port *p;

	while (b->next) {
		if (!b->ready) {
			b->tries++;
			goto fail;
		}
		b = b->next;
	}
	return 0;
fail:
	return -1;
}

enum port_mode { MODE_FAST, MODE_SLOW, };

static const int port_modes[] = {
	PORT_FAST,
};

void probe(void)
{
	set_ports(PORT_FAST);
}

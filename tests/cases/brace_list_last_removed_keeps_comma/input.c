enum port_mode { MODE_FAST, MODE_SLOW, MODE_OLD };

static const int port_modes[] = {
	PORT_FAST,
	PORT_LEGACY
};

void probe(void)
{
	set_ports(PORT_FAST, PORT_LEGACY);
}

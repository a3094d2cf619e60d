static int port_enable(struct port *port, unsigned int flags, int mode)
{
	return port->ops->enable(port, mode);
}

static int card_reset(struct card *card, int level, unsigned int flags)
{
	return card->ops->reset(card, level);
}

static void board_probe(struct port *port, struct card *card)
{
	port_enable(port, 0, 3);
	card_reset(card, 1, 0);
}

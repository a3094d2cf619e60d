static int port_enable(struct port *port, int mode)
{
	return port->ops->enable(port, mode);
}

static int card_reset(struct card *card, int level)
{
	return card->ops->reset(card, level);
}

static void board_probe(struct port *port, struct card *card)
{
	port_enable(port, 3);
	card_reset(card, 1);
}

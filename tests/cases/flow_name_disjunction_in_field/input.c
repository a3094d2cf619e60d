static void quux_bind(struct quux_driver *qd)
{
	qd->probe(qd->dev);
	quux_settle(qd);
}

static void quux_unbind(struct quux_driver *qd)
{
	qd->shutdown(qd->dev);
	quux_settle(qd);
}

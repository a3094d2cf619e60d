static void quux_bind(struct quux_driver *qd)
{
	quux_call_start(qd);
	quux_call_end(qd, quux_settle);
}

static void quux_unbind(struct quux_driver *qd)
{
	qd->shutdown(qd->dev);
	quux_settle(qd);
}

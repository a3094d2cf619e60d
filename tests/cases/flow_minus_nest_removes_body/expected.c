static void corge_step(struct corge *c)
{
	corge_run(c);
	if (debug_level > 2) { corge_dump(c); }
}

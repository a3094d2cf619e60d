static void corge_step(struct corge *c)
{
	if (debug_level > 2) { trace_enter(c); corge_dump(c); }
	corge_run(c);
	if (debug_level > 2) { corge_dump(c); }
	if (debug_level > 2) { corge_dump(c); trace_exit(c); trace_exit(c); }
}

static int garply_open(struct garply *g)
{
	int rc = 0;

	if (!g->ready)
		return rc;
	rc = garply_start(g);
out:
	return rc;
}

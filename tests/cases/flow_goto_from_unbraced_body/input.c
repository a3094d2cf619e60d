static int garply_open(struct garply *g)
{
	int rc = 0;

	if (!g->ready)
		goto out;
	rc = garply_start(g);
out:
	return rc;
}

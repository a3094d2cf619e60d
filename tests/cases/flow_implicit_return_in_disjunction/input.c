static void osc_cli_relock(struct client_obd *cli)
{
	osc_cli_unplug(cli);
	spin_lock(&cli->cl_lock);
}

static void osc_cli_drain(struct client_obd *cli, int n)
{
	int i;

	for (i = 0; i < n; i++) {
		spin_unlock(&cli->cl_lock);
		osc_cli_wait(cli);
		spin_lock(&cli->cl_lock);
	}
	EXIT;
}

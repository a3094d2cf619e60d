static int osc_grant_take(struct client_obd *cli, long pages)
{
	int rc = 0;

	spin_lock(&cli->cl_loi_list_lock);
	if (cli->cl_avail_grant < pages) {
		spin_unlock(&cli->cl_loi_list_lock);
		return -EDQUOT;
	}
	if (pages > 4) {
		cli->cl_avail_grant -= pages;
		rc = 1;
	} else {
		cli->cl_lost_grant += pages;
	}
	spin_unlock(&cli->cl_loi_list_lock);
	return rc;
}

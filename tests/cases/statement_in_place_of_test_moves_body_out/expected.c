static void mdc_cleanup(struct obd_device *obd, struct client_obd *cli)
{
	cfs_trace_lock(cli);
	while (cli->cl_pending)
		mdc_flush(cli, cli->cl_pending,
			  MDC_FLUSH_ALL);
	mdc_put_export(cli->ll_md_exp);
	obd_cleanup_client_import(obd);
}

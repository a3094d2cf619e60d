static int mdc_setup(struct obd_device *obd, struct lustre_cfg *cfg)
{
	obd->u.cli.cl_rpc_lock = kzalloc(sizeof(*obd->u.cli.cl_rpc_lock), GFP_NOFS);
	if (!obd->u.cli.cl_rpc_lock)
		return -ENOMEM;
	mdc_init_rpc_lock(obd->u.cli.cl_rpc_lock);
	ptlrpcd_addref();
	return 0;
}

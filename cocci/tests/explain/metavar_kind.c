static void ldlm_namespace_cleanup(struct ldlm_namespace *ns)
{
	cfs_hash_putref(ns->ns_rs_hash);
}

static void lnet_ni_start_all(struct lnet_net *net)
{
	struct lnet_ni *ni;

	list_for_each_entry(ni, &net->net_ni_list, ni_netlist) {
		lnet_ni_lock(ni);
		ni->ni_ready = (WARN_ON(ni == NULL));
		lnet_ni_unlock(ni);
	}
}

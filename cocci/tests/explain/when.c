static void ptlrpc_drain(struct ptlrpc_service *svc)
{
	spin_lock(&svc->srv_lock);
	msleep(10);
	spin_unlock(&svc->srv_lock);
}

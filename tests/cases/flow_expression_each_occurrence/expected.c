static void tcp_conn_write_space(struct sock *sk)
{
	struct tcp_conn *conn = sk->sk_user_data;

	pr_debug("conn %p%s%s\n", conn,
		 conn == NULL ? "" : (conn->tc_ready ? " ready" : " blocked"),
		 conn == NULL ? "" : (conn->tc_queued ? " queued" : " idle"));

	if (conn == NULL) {
		sk->sk_write_space(sk);
		return;
	}
	tcp_conn_schedule(conn);
}

static int tcp_conn_reset(struct tcp_peer *peer)
{
	struct tcp_conn *conn = peer->tp_conn;

	pr_debug("reset %d %d\n", conn->tc_ready, conn->tc_queued);
	conn = tcp_conn_lookup(peer);
	if (conn == NULL)
		return -ENOENT;
	return 0;
}

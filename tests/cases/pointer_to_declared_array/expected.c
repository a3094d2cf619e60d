static int ksocknal_recv_hello(struct ksock_conn *conn)
{
	u8 (*rx_buf)[16];
	int rc;

	rc = lnet_sock_read(conn->ksnc_sock, rx_buf, sizeof(rx_buf), 10);
	return rc;
}

static int ksocknal_send_hello(struct ksock_conn *conn)
{
	struct ksock_hello_msg * *rx_buf;

	rx_buf = conn->ksnc_hello;
	return lnet_sock_write(conn->ksnc_sock, rx_buf, sizeof(*rx_buf), 10);
}

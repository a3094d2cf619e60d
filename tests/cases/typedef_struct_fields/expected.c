typedef struct {
	struct mutex	cl_lock;
	int		cl_users;
} client_ctx_t;

struct server_ctx {
	struct mutex	sv_lock;
	int		sv_users;
};

static void client_get(client_ctx_t *ctx)
{
	ctx_lock(ctx);
	ctx->cl_users++;
}

static void server_get(struct server_ctx *srv)
{
	ctx_lock(srv);
	srv->sv_users++;
}

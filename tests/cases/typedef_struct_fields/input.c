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
	mutex_lock(&ctx->cl_lock);
	ctx->cl_users++;
}

static void server_get(struct server_ctx *srv)
{
	mutex_lock(&srv->sv_lock);
	srv->sv_users++;
}

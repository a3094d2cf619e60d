#define LDLM_POOL_DEFAULTS(age) {	\
	.name = "ldlm",			\
	.max_age = (age) * HZ,		\
}

static struct pool_params pp = LDLM_POOL_DEFAULTS(10);

/* A context key's constructor and destructor, built by token pasting. */
#define OSC_KEY_INIT(mod, type)						\
	static void *mod##_key_init(const struct lu_context *ctx,	\
				    struct lu_context_key *key)		\
	{								\
		type *info;						\
									\
		OBD_ALLOC_PTR(info);					\
		if (info == NULL)					\
			info = ERR_PTR(-ENOMEM);			\
		return info;						\
	}								\
	struct __##mod##__dummy_init { ; } /* swallows the ; */

#define OSC_KEY_FINI(mod, type)						\
	static void mod##_key_fini(const struct lu_context *ctx,	\
				   struct lu_context_key *key, void *data) \
	{								\
		type *info = data;					\
									\
		OBD_FREE_PTR(info);					\
	}								\
	struct __##mod##__dummy_fini { ; }

#define OSC_ALLOC_NAMED(ptr) OBD_ALLOC_PTR(ptr##_buf)

#define OSC_ALLOC_OR_WARN(ptr, fmt, ...)				\
do {									\
	OBD_ALLOC_PTR(ptr);						\
	if (ptr == NULL)						\
		CWARN(fmt, ## __VA_ARGS__);				\
} while (0)

OSC_KEY_INIT(osc, struct osc_thread_info);
OSC_KEY_FINI(osc, struct osc_thread_info);

/* A context key's constructor and destructor, built by token pasting. */
#define OSC_KEY_INIT(mod, type)						\
	static void *mod##_key_init(const struct lu_context *ctx,	\
				    struct lu_context_key *key)		\
	{								\
		type *info;						\
									\
		info = kzalloc(sizeof(*info), GFP_NOFS);		\
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
		kfree(info);						\
	}								\
	struct __##mod##__dummy_fini { ; }

#define OSC_ALLOC_NAMED(ptr) ptr##_buf = kzalloc(sizeof(*ptr##_buf), GFP_NOFS)

#define OSC_ALLOC_OR_WARN(ptr, fmt, ...)				\
do {									\
	ptr = kzalloc(sizeof(*ptr), GFP_NOFS);				\
	if (ptr == NULL)						\
		CWARN(fmt, ## __VA_ARGS__);				\
} while (0)

OSC_KEY_INIT(osc, struct osc_thread_info);
OSC_KEY_FINI(osc, struct osc_thread_info);

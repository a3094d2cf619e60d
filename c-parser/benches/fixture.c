// SPDX-License-Identifier: GPL-2.0
/*
 * Benchmark fixture in the style of a kernel file system client: object
 * cache, request handling, iterator macros, debug macros and #ifdefs.
 */

#define DEBUG_SUBSYSTEM S_CLASS

#include <linux/module.h>
#include <linux/slab.h>
#include "demo_internal.h"

#define DEMO_HASH_BITS	8
#define DEMO_MAX_RETRY	(16 + \
			 DEMO_HASH_BITS)

static DEFINE_SPINLOCK(demo_cache_lock);
static LIST_HEAD(demo_cache_lru);
static unsigned int demo_cache_max = 1024;
module_param(demo_cache_max, uint, 0644);
MODULE_PARM_DESC(demo_cache_max, "maximum number of cached objects");

struct demo_object {
	struct list_head	 do_lru;
	struct hlist_node	 do_hash;
	struct demo_fid		 do_fid;
	atomic_t		 do_ref;
	unsigned int		 do_flags:4,
				 do_dying:1;
	spinlock_t		 do_lock;
	void			(*do_release)(struct demo_object *obj);
	char			 do_name[DEMO_NAME_MAX + 1];
	union {
		__u64		 do_size;
		struct {
			__u32	 do_lo;
			__u32	 do_hi;
		};
	};
} __attribute__((aligned(8)));

enum demo_state {
	DS_NEW		= 0,
	DS_ACTIVE	= 1 << 0,
	DS_DYING	= 1 << 1,
	DS_MAX,
};

typedef int (*demo_iter_cb_t)(const struct lu_env *env,
			      struct demo_object *obj, void *data);

static const struct demo_ops demo_default_ops = {
	.dop_init	= demo_object_init,
	.dop_fini	= demo_object_fini,
	.dop_flags	= { [0] = 1, [1 ... 3] = 2 },
};

static inline struct demo_object *demo_obj(struct lu_object *o)
{
	return container_of(o, struct demo_object, do_lu);
}

static void demo_object_put(const struct lu_env *env, struct demo_object *obj)
{
	ENTRY;
	if (!atomic_dec_and_test(&obj->do_ref))
		RETURN_EXIT;

	spin_lock(&demo_cache_lock);
	list_del_init(&obj->do_lru);
	spin_unlock(&demo_cache_lock);
	if (obj->do_release != NULL)
		obj->do_release(obj);
	else
		OBD_FREE_PTR(obj);
	EXIT;
}

int demo_cache_iterate(const struct lu_env *env, demo_iter_cb_t cb, void *data)
{
	struct demo_object *obj, *tmp;
	int rc = 0;
	u32 count = 0;
	loff_t *pos = data;

	ENTRY;
	spin_lock(&demo_cache_lock);
	list_for_each_entry_safe(obj, tmp, &demo_cache_lru, do_lru) {
		if (obj->do_dying)
			continue;
		atomic_inc(&obj->do_ref);
		spin_unlock(&demo_cache_lock);
		rc = cb(env, obj, data);
		demo_object_put(env, obj);
		spin_lock(&demo_cache_lock);
		if (rc < 0)
			break;
		count++;
		*pos += sizeof(struct demo_fid);
	}
	spin_unlock(&demo_cache_lock);

	CDEBUG(D_INFO, "iterated %u objects, first "DFID": rc = %d\n",
	       count, PFID(&obj->do_fid), rc);
	RETURN(rc < 0 ? rc : 0);
}
EXPORT_SYMBOL(demo_cache_iterate);

static int demo_request_pack(struct demo_request *req, const char *name,
			     size_t namelen, __u64 flags)
{
	struct demo_body *body;
	char *buf;
	int i, rc;

	body = req_capsule_client_get(&req->rq_pill, &RMF_DEMO_BODY);
	if (body == NULL)
		GOTO(out, rc = -EPROTO);

	body->db_flags = flags;
	body->db_namelen = min_t(size_t, namelen, DEMO_NAME_MAX);
	buf = (char *)(body + 1);
	memcpy(buf, name, body->db_namelen);
	for (i = 0; i < DEMO_MAX_RETRY; i++) {
		switch (req->rq_status) {
		case 0:
			break;
		case -EAGAIN ... -EBUSY:
			msleep(10 * (i + 1));
			continue;
		default:
			rc = req->rq_status;
			goto out;
		}
		break;
	}
#ifdef HAVE_DEMO_CHECKSUM
	body->db_cksum = demo_checksum(buf, namelen,
				       body->db_flags & DEMO_FL_CKSUM ?
				       DEMO_CKSUM_CRC32 : DEMO_CKSUM_NONE);
#else
	body->db_cksum = 0;
#endif
	rc = 0;
out:
	return rc;
}

static ssize_t demo_max_show(struct kobject *kobj, struct attribute *attr,
			     char *buf)
{
	struct demo_device *dev = container_of(kobj, struct demo_device,
					       dd_kobj);

	return scnprintf(buf, PAGE_SIZE, "%u\n", dev->dd_max);
}
LUSTRE_RO_ATTR(demo_max);

static unsigned long demo_hash(const struct demo_fid *fid, unsigned int bits)
{
	__u64 key = fid->f_seq ^ ((__u64)fid->f_oid << 32) ^ fid->f_ver;

	key = (key >> bits) + (key & ((1ULL << bits) - 1));
	return hash_long((unsigned long)key, bits) & ~0UL;
}

static int demo_lookup(struct demo_device *dev, const struct demo_fid *fid,
		       struct demo_object **objp)
__must_hold(&dev->dd_lock)
{
	struct demo_object *obj;
	struct hlist_head *head = &dev->dd_hash[demo_hash(fid, DEMO_HASH_BITS)];
	int found = 0;

	hlist_for_each_entry(obj, head, do_hash)
		if (demo_fid_eq(&obj->do_fid, fid)) {
			found = 1;
			break;
		}

	if (!found)
		return -ENOENT;
	*objp = obj;
	return 0;
}

static void demo_stats_print(struct seq_file *m, struct demo_device *dev)
{
	struct demo_stats stats = { 0 };
	int cpu;

	for_each_possible_cpu(cpu) {
		struct demo_stats *s = per_cpu_ptr(dev->dd_stats, cpu);

		stats.ds_hits += s->ds_hits;
		stats.ds_misses += s->ds_misses;
	}
	seq_printf(m, "hits: %llu\nmisses: %llu\nratio: %u%%\n",
		   stats.ds_hits, stats.ds_misses,
		   stats.ds_hits + stats.ds_misses ?
		   (unsigned int)div64_u64(stats.ds_hits * 100,
					   stats.ds_hits + stats.ds_misses) : 0);
}

static int __init demo_init(void)
{
	int rc;

	rc = demo_cache_init();
	if (rc)
		return rc;
	rc = ({ int __ret = demo_register(); __ret ?: 0; });
	if (rc != 0) {
		CERROR("demo: cannot register: rc = %d\n", rc);
		demo_cache_fini();
	}
	return rc;
}

static void __exit demo_exit(void)
{
	demo_unregister();
	demo_cache_fini();
}

MODULE_AUTHOR("Demo Authors <demo@example.org>");
MODULE_LICENSE("GPL");
module_init(demo_init);
module_exit(demo_exit);

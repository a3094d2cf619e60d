struct osc_object {
	int oo_flags;
	spinlock_t oo_lock;
	int oo_npages;
};

static void osc_touch(struct osc_object *obj, struct lov_object *lov)
{
	osc_object_lock(obj);
	spin_lock(&lov->oo_lock);
}

struct osc_object {
	int oo_flags;
	spinlock_t oo_lock;
	int oo_npages;
};

static void osc_touch(struct osc_object *obj, struct lov_object *lov)
{
	spin_lock(&obj->oo_lock);
	spin_lock(&lov->oo_lock);
}

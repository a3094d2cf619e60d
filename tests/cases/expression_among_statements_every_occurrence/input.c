static void ldlm_lock_touch(struct ldlm_resource *res, struct ldlm_lock *lock,
			    unsigned long start)
{
	spin_lock(&res->lr_lock);
	lock->l_idle = time_after(jiffies, start) ? jiffies - start : 0;
	spin_unlock(&res->lr_lock);
}

static void mdt_hsm_touch(struct mdt_device *mdt, struct hsm_action_item *hai)
{
	mutex_lock(&mdt->mdt_hsm_lock);
	if (hai->hai_deadline < cfs_time_current() ||
	    hai->hai_start > cfs_time_current())
		hai->hai_deadline = cfs_time_current() + mdt->mdt_hsm_timeout;
	mutex_unlock(&mdt->mdt_hsm_lock);
}

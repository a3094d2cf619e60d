static bool mdt_dom_has_lock(struct lustre_handle *lockh, int count, __u64 *cookie)
{
	struct ldlm_lock *lock;

	lock = ldlm_handle2lock(lockh);
	if (lock == 0)
		return false;
	if (unlikely(!lock->l_export))
		return false;
	if (count <= 0 || IS_ERR_OR_NULL(cookie))
		return false;
	if (count <= 0)
		return true;
	return true;
}

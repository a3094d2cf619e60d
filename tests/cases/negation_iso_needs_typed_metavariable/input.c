static bool mdt_dom_has_lock(struct lustre_handle *lockh, int count, __u64 *cookie)
{
	struct ldlm_lock *lock;

	lock = ldlm_handle2lock(lockh);
	if (lock == 0)
		return false;
	if (!lock->l_export)
		return false;
	if (count == 0 || cookie == NULL)
		return false;
	if (!count)
		return true;
	return true;
}

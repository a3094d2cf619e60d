static void ldlm_drop(struct ldlm_lock *lock)
{
	ldlm_lock_put(lock);
	LDLM_LOCK_RELEASE(lock);
}

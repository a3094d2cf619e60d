/* Lustre-style client code for an end-to-end test. */
static int mdc_lock_check(struct ldlm_lock *lock)
{
	LBUG_ON(!(lock != NULL));
	return lock->l_flags;
}

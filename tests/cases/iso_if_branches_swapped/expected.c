/* Lustre-style client code for an end-to-end test. */
static void mdc_lock_drop(struct ldlm_lock *lock)
{
	if (lock == NULL)
		CDEBUG(D_DLMTRACE, "no lock\n");
	else
		ldlm_lock_put(lock);
}

static void osc_lock_drop(struct ldlm_lock *lock)
{
	if (lock != NULL)
		ldlm_lock_put(lock);
	else
		CDEBUG(D_DLMTRACE, "no lock\n");
}

static void lov_lock_drop(struct ldlm_lock *lock)
{
	if (!(lock == NULL))
		ldlm_lock_put(lock);
	else
		CERROR("no lock\n");
}

static void ldlm_cancel_pair(struct ldlm_lock *lock, struct ldlm_lock *peer)
{
	ldlm_lock_put(lustre_handle_cookie(lock));
	ldlm_lock_put(peer->l_handle.h_cookie, lock->l_handle.h_cookie);
	ldlm_lock_put(lustre_handle_cookie(lock) + lustre_handle_cookie(peer));
	ldlm_lock_put();
}

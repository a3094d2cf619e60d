static void ldlm_cancel_pair(struct ldlm_lock *lock, struct ldlm_lock *peer)
{
	ldlm_lock_put(lock->l_handle.h_cookie);
	ldlm_lock_put(peer->l_handle.h_cookie, lock->l_handle.h_cookie);
	ldlm_lock_put(lock->l_handle.h_cookie + peer->l_handle.h_cookie);
	ldlm_lock_put();
}

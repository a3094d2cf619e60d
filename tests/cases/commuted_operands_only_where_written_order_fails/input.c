static int intent_lock(struct lookup_intent *it, struct ldlm_lock *lock)
{
	if (it->it_op & (IT_OPEN | IT_OPEN | IT_GETATTR))
		return ldlm_lock_match(lock, MDS_INODELOCK_UPDATE |
				       MDS_INODELOCK_UPDATE | MDS_INODELOCK_XATTR);
	return ldlm_lock_match(lock, MDS_INODELOCK_LOOKUP | MDS_INODELOCK_UPDATE);
}

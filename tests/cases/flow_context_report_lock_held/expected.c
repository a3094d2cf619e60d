static int lnet_peer_del_nid(struct lnet_peer *lp, int flags)
{
	bool locked = true;
	int rc = 0;

	spin_lock(&lp->lp_lock);
	if (flags & LNET_PEER_CONFIGURED) {
		rc = -EPERM;
		goto out_locked;
	}
	locked = false;
	spin_unlock(&lp->lp_lock);
	rc = lnet_peer_del_locked(lp);
out_locked:
	if (locked)
		spin_unlock(&lp->lp_lock);
	return rc;
}

static void cfs_percpt_lock_all(struct cfs_percpt_lock *pcl, int ncpt)
{
	int i;

	for (i = 0; i < ncpt; i++) {
		spin_lock(pcl->pcl_locks[i]);
		if (i == 0)
			pcl->pcl_locked = 1;
	}
}

static int lnet_peer_discovered(struct lnet_peer *lp, int state)
{
	int rc;

	spin_unlock(&lp->lp_lock);
	if (state != LNET_STATE_RUNNING) {
		/* the caller expects the lock back */
		spin_lock(&lp->lp_lock);
		rc = -ESHUTDOWN; /* shutting down */
		goto clear_discovering;
	}

	lnet_peer_cancel_discovery(lp);

	spin_lock(&lp->lp_lock);
	rc = 0;
clear_discovering:
	lp->lp_state = 0;
	return rc;
}

static void lnet_peer_ok(struct lnet_peer *lp)
{
	spin_lock(&lp->lp_lock);
	lp->lp_state = 0;
	spin_unlock(&lp->lp_lock);
}

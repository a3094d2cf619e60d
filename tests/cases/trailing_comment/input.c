static int ll_page_check(struct ll_inode_info *lli, int idx)
{
	ll_first(lli);
	ll_debug_old(idx); /* noisy */
	if (idx > 0) {
		ll_debug_old(lli); /* first in block */
		idx--;
	}

	ll_debug_old(idx); /* after a blank line */
	return idx;
}

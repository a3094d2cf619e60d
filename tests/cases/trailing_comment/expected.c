static int ll_page_check(struct ll_inode_info *lli, int idx)
{
	ll_first(lli);/* noisy */
	if (idx > 0) {/* first in block */
		idx--;
	}
/* after a blank line */
	return idx;
}

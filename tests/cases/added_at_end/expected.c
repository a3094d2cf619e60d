void ll_fini(struct ll_sb_info *sbi)
{
	ll_release(sbi);
	ll_free(sbi);
	ll_fini_done();
}

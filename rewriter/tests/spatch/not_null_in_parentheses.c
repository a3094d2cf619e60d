static int ll_check(struct ll_sb_info *sbi, void *a, void *b, void *c, void *d)
{
	if ( a == NULL)
		return -EINVAL;
	if (b == NULL )
		return -EINVAL;
	if ( NULL == c)
		return -EINVAL;
	if (  d == NULL  )
		return -EINVAL;
	if (( sbi == NULL))
		return -EINVAL;
	if (a && b == NULL)
		return -EINVAL;
	return 0;
}

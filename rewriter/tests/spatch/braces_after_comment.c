static void ll_flush(struct ll_inode_info *lli, int x)
{
	if (x)
		/* only when set */
		foo(x);
	if (x) /* set */
		foo(x);
	if (x)
		/*
		 * a longer note
		 */
		foo(x);
	if (x)
		// a line note
		foo(x);
	if (x)
		foo(x); /* after */
	while (x) /* loop */ foo(x);
}

static void ll_flush_more(struct ll_inode_info *lli, int x)
{
	/* first */ if (x)
		foo(x);
	if (x)
		foo(x);
	else /* other */
		foo(x);
	if (x)
		foo(x); /* a
			 * b */
	if (x)
	/* odd */
		foo(x);
	if (x)
		  /* deeper */
		foo(x);
	if (x) /* one */ /* two */
		foo(x);
}

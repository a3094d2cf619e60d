void twice(void)
{
	p = pool_take(64
#ifdef WITH_HEADER
		     + 16
#endif
);
	q = pool_take(64
#ifdef WITH_HEADER
		     + 16
#endif
);
}

void differs(void)
{
	p = pool_get(64
#ifdef WITH_HEADER
		     + 16
#endif
		     );
	q = pool_get(64 + 16);
}

static int osc_setup(void)
{
	cache = kmem_cache_alloc(sizeof(struct osc_object)
#ifdef CONFIG_OSC_EXTENTS
				 + OSC_EXTENT_SIZE
#endif
#ifdef CONFIG_OSC_QUOTA
				 + OSC_QUOTA_SIZE
#endif
				 );
	return 0;
}

struct lu_tag {
	struct lu_site_stats {
		unsigned int lss_hits;
	} ls_stats;
	int ls_busy;
};

struct lu_site {
	struct lu_site_stats {
		unsigned int lss_hits;
	} ls_stats;
	int ls_busy;
};

/* Declarations shared by the OSC client files. */
struct osc_extent;

extern struct osc_extent *osc_cur_extent;
extern unsigned long osc_cache_pages;

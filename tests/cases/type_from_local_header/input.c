/* Lustre-style client code for an end-to-end test. */
#include "osc_internal.h"

static void osc_extent_drop(struct osc_object *obj, int nr)
{
	osc_extent_put(osc_cur_extent);
	osc_extent_put(obj->oo_first);
	osc_cache_pages -= nr;
}

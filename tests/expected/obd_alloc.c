/* An example in the style of Lustre's client code. */
#include <linux/slab.h>

struct lov_stripe_info {
	int		 lsi_count;
	__u64		*lsi_offsets;
};

static int lov_stripe_info_init(struct lov_stripe_info **out, int count)
{
	struct lov_stripe_info *lsi;
	int rc = 0;

	lsi = kzalloc(sizeof(*lsi), GFP_NOFS);
	if (lsi == NULL)
		return -ENOMEM;

	lsi->lsi_count = count;
	lsi->lsi_offsets = kzalloc(count * sizeof(__u64), GFP_NOFS);
	if (lsi->lsi_offsets == NULL)
		GOTO(out_free, rc = -ENOMEM);

	*out = lsi;
	return 0;

out_free:
	kfree(lsi);
	return rc;
}

static void lov_stripe_info_fini(struct lov_stripe_info *lsi)
{
	if (lsi->lsi_offsets != NULL)
		kfree(lsi->lsi_offsets);
	kfree(lsi);
}

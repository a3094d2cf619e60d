static int lov_alloc(struct lov_obd *lov)
{
	lov->buf = kmalloc(64, GFP_NOFS);
	kfree(lov->old);
	return 0;
}

static void lov_sync(struct lov_obd *lov, int force)
{
	if (force)
		/*
		 * the caller holds the lock
		 */
		lov_flush(lov);
	else if (lov->lov_dirty) /* lazily */
		lov_flush(lov);
	for (; lov; lov = lov->lov_next)
		/* each target */
		lov_flush(lov);
	if (!force)
		lov_flush(lov); /* last
				 * one */
	if (force) /* a
		    * b */
		lov_flush(lov);
	if (force)
	 /* odd indent */
		lov_flush(lov);
	if (force)
		lov_flush(lov);
	else
		/* other */
		lov_flush(lov->lov_next);
	switch (force) {
	case 1:
		if (lov)
			/* nested */
			lov_flush(lov);
		break;
	}
}

static void lfsck_check(struct lfsck_instance *lfsck)
{
	LASSERT(lfsck != NULL);
	lfsck->li_a = 1;
	lfsck->li_b = 2;
	lfsck->li_c = 3;
	lfsck->li_d = 4;
	lfsck->li_e = 5;
	lfsck->li_f = 6;
	lfsck->li_g = 7;
	lfsck->li_h = 8;
	LASSERT(lfsck->li_a == 1);
	lfsck->li_i = 9;
	LASSERT(lfsck->li_i == 9);
}

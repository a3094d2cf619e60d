static void osc_check(struct osc_page *opg)
{
	BUG_ON(opg == NULL);
}

struct mdc_request { int op; };
struct osc_extent { long start; };
struct lov_stripe { int idx; };

int ll_module_init(void)
{
	return 0;
}

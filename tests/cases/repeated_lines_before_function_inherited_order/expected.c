struct mdc_request { int op; };
struct osc_extent { long start; };
struct lov_stripe { int idx; };

int osc_extent_init(struct osc_extent *obj);
int mdc_request_init(struct mdc_request *obj);
int lov_stripe_init(struct lov_stripe *obj);
int ll_module_init(void)
{
	return 0;
}

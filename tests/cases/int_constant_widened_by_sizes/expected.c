/* Lustre-style client code for an end-to-end test. */
static void lov_set_limits(struct lov_desc *desc)
{
	desc->ld_default_stripe_size = lov_round(1048576);
	desc->ld_max_object_size = lov_round64(4294967296);
	desc->ld_max_easize = lov_round(65536);
}

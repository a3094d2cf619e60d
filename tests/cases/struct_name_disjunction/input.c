static void ldlm_switch(void)
{
	struct ldlm_old_lock lock;
	struct ldlm_old_res res;
	struct ldlm_lock cur;

	ldlm_use(&cur);
}

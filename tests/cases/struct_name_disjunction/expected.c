static void ldlm_switch(void)
{
	struct ldlm_lock cur;

	ldlm_use(&cur);
}

static void ring_report(char *head, char *tail, struct ring_entry *ent)
{
	pr_info("used %ld\n", (long)(tail - head));
	pr_info("entry %ld\n", (long)(unsigned int)sizeof(*ent));
	pr_info("next at %p\n", head + 1);
}

static int parse_opts(struct super_block *sb, char *opts, int silent)
{
	if (!opts)
		return 0;
	return ll_parse_one(sb, opts, silent);
}

static void dump_label(int level, char *label)
{
	pr_info("%*s%s\n", level, "", label);
}

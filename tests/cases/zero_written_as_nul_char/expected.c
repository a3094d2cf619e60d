static void obd_clear_name(char *name, int len)
{
	char c = '\0';

	memzero_explicit(name, len);
	memzero_explicit(name + 1, len - 1);
	memset(name, c, len);
	if (c == '\0')
		memset(name, 1, len);
}

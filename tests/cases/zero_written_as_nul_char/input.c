static void obd_clear_name(char *name, int len)
{
	char c = '\0';

	memset(name, '\0', len);
	memset(name + 1, 0x0, len - 1);
	memset(name, c, len);
	if (c == '\0')
		memset(name, 1, len);
}

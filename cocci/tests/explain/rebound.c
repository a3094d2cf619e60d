static void lov_copy(char *dst, char *src, int len)
{
	memcpy(dst, src, len);
}

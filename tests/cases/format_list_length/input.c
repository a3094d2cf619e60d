static void lov_dump(struct lov_object *lov, int index)
{
	CERROR("lov %s: stripe %d\n", lov->lo_name, index);
	CERROR("lov %s\n", lov->lo_name);
	CERROR("lov %s: %d of %u\n", lov->lo_name, index, lov->lo_count);
	CERROR("lov %s stripe %d done\n", lov->lo_name, index);
}

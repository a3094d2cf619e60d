static void lod_free(struct lu_object *o)
{
	lu_object_put(o);
}

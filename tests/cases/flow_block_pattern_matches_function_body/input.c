static void lod_hold(struct lu_object *obj)
{
	lu_object_get(obj);
	lod_touch(obj);
}

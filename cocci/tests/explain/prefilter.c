static void lu_object_free(struct lu_object *o)
{
	kfree(o);
}

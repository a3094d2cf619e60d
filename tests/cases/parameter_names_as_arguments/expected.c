static int osd_object_sync(const struct lu_env *env, struct dt_object *dt,
			   __u64 start, __u64 end)
{
	trace_osd_call(env, dt, start, end);
	return osd_sync(env, dt);
}

struct ldlm_res *res_lookup(int id);
struct ldlm_res *res_next(struct ldlm_res *res);
int res_valid(struct ldlm_res *res);
int res_busy(struct ldlm_res *res, int flags);

static int res_scan(int id)
{
	struct ldlm_res *res;
	int count = 0;

	for (res = res_lookup(id); res; res = res_next(res))
		count++;
	if ((res = res_lookup(id)))
		count++;
	if ((res = res_lookup(id + 1)) != 0)
		count++;
	if (!res_valid(res))
		count--;
	if (res_valid(res) == 0)
		count--;
	if (0 == res_valid(res))
		count--;
	if (!res_busy(res, 0))
		count++;
	if (0 == res_busy(res, 1))
		count++;
	return count;
}

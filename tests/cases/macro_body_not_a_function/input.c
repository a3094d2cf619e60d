#define LL_RETRY_MAX 3
#define LL_RETRY_RESET(n) n = 0

static int ll_retry_next(int n)
{
	n++;
	return n < LL_RETRY_MAX ? n : 0;
}

#define CALL_FOO(x) bar(1, x)
#define CALL_OTHER(x) foo(1, x)
#define NOT_ALONE(x) (foo(x, 2) + 1)
#define TWO(x, y) foo(x, y)

int f(int y)
{
	return foo(y, 3);
}

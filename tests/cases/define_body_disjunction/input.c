#define A(x) foo(x)
#define B(x) baz(x)
#define C(x) other(x)

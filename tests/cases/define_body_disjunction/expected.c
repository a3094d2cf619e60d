#define A(x) bar(x)
#define B(x) qux(x)
#define C(x) other(x)

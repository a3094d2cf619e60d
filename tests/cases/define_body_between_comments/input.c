#define A(x) foo(x) /* call foo */
#define B(x) /* lead */ foo(x) // trailing
#define C(x) foo(x) + 1 // not alone

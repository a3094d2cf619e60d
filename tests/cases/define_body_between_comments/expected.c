#define A(x) bar(x) /* call foo */
#define B(x) /* lead */ bar(x) // trailing
#define C(x) foo(x) + 1 // not alone

#define B(x) baz(x) // trailing
#define S(x) do { baz(x); } while (0) // statement

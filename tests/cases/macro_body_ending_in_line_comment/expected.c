#define B(x) qux(x) // trailing
#define S(x) do { qux(x); } while (0) // statement

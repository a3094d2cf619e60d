// spatch matches a term of a rule in another form (an isomorphism) only where the term is
// removed whole or its own tokens are context code: `!= 0` with the `0` replaced is not
// looked for as a bare test (`res = res_lookup(id)` in a condition) nor `== 0` with the
// `0` replaced as `!X` or `0 == X`, or NULL would land after the expression. Changes
// below the term's own tokens (a call's argument) do not count: `res_busy(- r + r, 1) == 0`
// still matches `!res_busy(res, 0)` and `0 == res_busy(res, 1)`. The first clause and the
// step of a `for` are not tests.
@@
expression *E;
identifier f;
@@
  (E = f(...)) !=
- 0
+ NULL

@@
expression x;
@@
  x ==
- 0
+ NULL

@@
expression r, n;
@@
  res_busy(r,
- n
+ n + 2
  ) == 0

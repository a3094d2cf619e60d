// `X != 0` is also `X` where X is a test (standard.iso's isnt_zero). In a `for`, only the
// condition is a test, as in spatch: the first clause and the step are not.
@@
expression *E;
identifier f;
@@
- (E = f(...)) != 0
+ E

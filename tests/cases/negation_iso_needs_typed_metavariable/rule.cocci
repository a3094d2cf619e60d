// `!X` matches `X == NULL` only for `expression *X` (standard.iso's not_ptr1) and `X == 0`
// only for an int X (not_int1): an isomorphism's typed metavariable takes a pattern
// metavariable of that type only. With `expression *E`, `lock == 0` is left alone and
// `cookie == NULL` is found; with `int C`, `count == 0`; with an untyped expression
// only `!` itself.
@@
expression *E;
@@
- !E
+ IS_ERR_OR_NULL(E)

@@
int C;
@@
- !C
+ C <= 0

@@
expression X;
@@
- !X
+ unlikely(!X)

// `c@i` with `identifier i`: the constant must also be an identifier, a named constant.
// `flags |= 1` gives no binding (an identifier does not float up to an enclosing term), so
// `1 + ...` is not a sum of masks; `CLOSURE_WAITING + CLOSURE_RUNNING` is.
@r@
constant c;
identifier i;
expression e;
@@
(
e |= c@i
|
e & c@i
)

@s@
constant r.c, c1;
identifier i1;
@@
*c1@i1 + c

// Inside an iterator's body, a disjunction whose first branch is a whole `if` takes the
// statement there; the later branch (an expression) is not looked for inside it, only in
// code the first branch did not take.
@@
iterator I;
expression x;
statement S;
@@
I(x, ...) { <...
(
- if (x == NULL && ...) S
|
+ WARN_ON(
  x == NULL
+ )
)
  ...> }

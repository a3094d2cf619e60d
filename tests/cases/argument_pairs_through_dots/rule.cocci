@@
expression a, b;
identifier f, g;
@@
f(..., a, ..., b, ...);
...
g(..., a, ..., b, ...);
++check(a, b);

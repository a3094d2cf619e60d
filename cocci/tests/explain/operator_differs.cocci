@@
expression E;
statement S;
@@
- if (E < 0)
+ if (unlikely(E < 0))
  S

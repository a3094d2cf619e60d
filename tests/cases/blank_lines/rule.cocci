@@
type T;
identifier i;
@@
- T i = 0;

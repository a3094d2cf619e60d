@@
type T;
expression x;
@@
- x = (void *)x;

@@
expression x;
@@
  lock(x);
  ... when != L
- unlock(x);

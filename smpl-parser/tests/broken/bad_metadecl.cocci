@@
expression E
identifier fn;
@@
- fn(E);

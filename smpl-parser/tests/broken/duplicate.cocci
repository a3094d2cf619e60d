@@
expression E;
identifier E;
@@
- foo(E);

@r@
expression E;

- foo(E);

@s@
@@
- bar();

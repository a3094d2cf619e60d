@@
expression E, F <= E;
@@
- foo(E, F);

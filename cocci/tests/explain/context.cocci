@@
expression E;
@@
* BUG_ON(E);

@@
expression E;
@@
- ll_debug_old(E);

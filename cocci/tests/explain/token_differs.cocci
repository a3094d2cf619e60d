@@
expression E;
@@
- ll_file_release(E);
+ ll_file_put(E);

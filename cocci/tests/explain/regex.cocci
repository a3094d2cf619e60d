@@
identifier fn =~ "^ll_";
expression E;
@@
- fn(E, NULL);
+ fn(E, ERR_PTR(-ENOENT));

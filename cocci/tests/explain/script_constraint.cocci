@@
identifier fn : script:python () { fn.startswith("lprocfs_") };
@@
- fn(NULL);

virtual patch
virtual report

@depends on report@
@@
* BUG();

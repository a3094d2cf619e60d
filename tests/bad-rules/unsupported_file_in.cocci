@depends on file in "drivers"@
expression E;
@@
- kfree(E);

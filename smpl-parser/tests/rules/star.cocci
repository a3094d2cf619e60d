// A semantic match: * lines are reported, not changed.
@star@
expression E;
@@
* kfree(E);
* kfree(E);

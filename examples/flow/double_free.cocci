// The same pointer freed twice along one path.
@exists@
expression E;
@@
* kfree(E);
  ... when != E = ...
* kfree(E);

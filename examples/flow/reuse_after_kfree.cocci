// A freed pointer passed on to another call.
@exists@
expression E;
identifier f;
@@
* kfree(E);
  ... when != E = ...
* f(..., E, ...);

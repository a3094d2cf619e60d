@@
expression later.E;
@@
- kfree(E);

@later@
expression E;
@@
  free(E);

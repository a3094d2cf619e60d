// A reference taken with class_incref and not dropped before an error return.
@exists@
expression D;
@@
* class_incref(D, ...);
  ... when != class_decref(D, ...)
* return -ENOMEM;

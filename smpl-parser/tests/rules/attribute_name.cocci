// An attribute name after a declarator.
@@
type T;
identifier var;
attribute name __ll_cleanup;
@@
  T var
- __ll_cleanup
  ;

// An attribute between a declarator and its initializer.
@@
identifier tbl;
attribute name __ll_read_mostly;
@@
  static int tbl
- __ll_read_mostly
  = 0;

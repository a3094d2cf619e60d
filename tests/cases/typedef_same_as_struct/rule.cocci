// A reference taken and dropped on objects of one type (however it is spelt) moves to
// the counted helpers.
@@
type T;
T E, E1;
@@
- class_get(E);
+ class_get_counted(E);
  ...
- class_put(E1);
+ class_put_counted(E1);

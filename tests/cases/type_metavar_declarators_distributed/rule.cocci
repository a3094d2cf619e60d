@@
type T;
identifier fn;
symbol obj;
@@
fn(...) {
- T obj;
+ T old_obj, obj;
  ...
}

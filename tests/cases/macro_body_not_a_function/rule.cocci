// A function pattern matches functions only: a `#define` body is not one.
@@
identifier fn;
statement S;
@@
fn(...) {
+ ll_trace_enter();
  S
  ... when any
}

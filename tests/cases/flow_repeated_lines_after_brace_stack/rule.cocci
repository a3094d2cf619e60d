@r exists@
identifier fn, x;
@@
fn(...) { ... when any
- int x;
... when any
}

@@
identifier r.fn, r.x;
@@
fn(...) {
++ long x;
... when any
}

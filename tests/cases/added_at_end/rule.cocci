@@
identifier fn = ll_fini;
@@
fn(...) {
...
+ ll_fini_done();
}

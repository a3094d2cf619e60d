// Each ll_ method asserts the inode it is given; the inode parameter is found per function.
@r@
identifier fn =~ "^ll_";
@@
int fn(...) { ... }

@t@
identifier r.fn;
identifier ino;
@@
int fn(..., struct inode *ino, ...) { ... }

@@
identifier r.fn, t.ino;
@@
int fn(...) {
+ LASSERT(ino != NULL);
  ...
}

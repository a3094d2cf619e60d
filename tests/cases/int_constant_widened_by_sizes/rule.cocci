// A constant wider than int needs the 64-bit helper.
@@
long size;
@@
- lov_round(size)
+ lov_round64(size)

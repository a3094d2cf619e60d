@@
ptrdiff_t d;
@@
- d
+ (long)d

@@
size_t n;
@@
- n
+ (unsigned int)n

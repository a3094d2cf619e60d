@@
expression buf, len;
@@
- memset(buf, 0, len);
+ memzero_explicit(buf, len);

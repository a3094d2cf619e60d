@@
identifier tag;
@@
struct
- tag
+ lu_tag
{ ... }

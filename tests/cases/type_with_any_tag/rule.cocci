// `struct *` and `union *` without a tag stand for a pointer to any structure or union.
@@
expression struct *s;
@@
- put(s);
+ put_struct(s);

@@
expression union *u;
@@
- put(u);
+ put_union(u);

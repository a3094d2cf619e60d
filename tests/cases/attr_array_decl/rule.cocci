@disable optional_attributes@
type T;
identifier buf;
attribute name __used;
@@
- T buf __attribute__((used));
+ T buf __used;

@@
type T;
@@
- T old_ring;
+ T rx_ring;

// A macro body ending in a `//` comment is matched like any other.
@@
identifier x;
@@
- baz(x)
+ qux(x)

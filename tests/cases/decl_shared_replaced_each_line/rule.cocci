// Timestamps become 64-bit; each declarator gets a line of its own.
@@
identifier x =~ "^ts_";
@@
- unsigned long x;
++ u64 x;

// Replacing with a single + cannot split a shared declaration: only lone ones change.
@@
identifier x =~ "^ts_";
@@
- unsigned long x;
+ u64 x;

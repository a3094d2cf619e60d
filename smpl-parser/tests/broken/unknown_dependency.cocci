virtual patch

@depends on patch && fixed@
@@
- foo();

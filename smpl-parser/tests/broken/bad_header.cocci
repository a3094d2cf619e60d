@r depends on @
@@
- foo();

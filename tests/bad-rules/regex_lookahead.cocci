@@
identifier f !~ "^(?!ll_)";
@@
- f();

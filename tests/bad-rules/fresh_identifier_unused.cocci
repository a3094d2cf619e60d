@@
identifier f;
fresh identifier tmp = "tmp_" ## f;
@@
- f();
+ g();

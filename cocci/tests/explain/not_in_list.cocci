@@
constant C != {0, 1};
@@
- msleep(C);
+ ssleep(C / 1000);

@@
@@
* foo();
+ bar();

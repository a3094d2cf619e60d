@@
expression E;
fresh identifier tmp = "tmp";
@@
- tmp = E;
+ E = 0;

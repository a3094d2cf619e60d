@@
declaration d;
expression x;
@@
- x = d + 1;
+ x++;

@@
expression drv;
identifier f;
@@

- drv->\(probe\|remove\)(...);
+ quux_call_start(drv);
  ... when any
- f(drv);
+ quux_call_end(drv, f);

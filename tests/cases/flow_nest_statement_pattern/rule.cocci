@@
expression D;
@@

  thud_begin(D);
  <...
- if (thud_debug) {
-   thud_dump(D);
- }
+ thud_trace(D);
  ...>
  thud_end(D);

// Scratch variables named tmp* are no longer used by the reworked helpers.
@@
identifier x =~ "^tmp";
@@
- int x;

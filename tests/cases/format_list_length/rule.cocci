// Messages with exactly two conversions and the "lov" prefix move to the lov_debug helper.
@@
format list[2] fl;
expression list es;
@@
- CERROR("lov %@fl@\n", es);
+ lov_debug(es);

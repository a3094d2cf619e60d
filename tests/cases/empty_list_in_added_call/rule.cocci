@@
expression list args;
expression D, F;
@@
- CDEBUG(D, F, args);
+ CDEBUG_LIMIT(D, F, args, 0);
+ mdc_trace(F, args);

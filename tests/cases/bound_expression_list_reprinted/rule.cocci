// An expression list bound to a metavariable and put in added code is printed anew on one
// line, as spatch 1.1.1 does (`a,b+1` is `a, b + 1`; arguments over lines are joined).
@@
expression list ES;
@@
- CDEBUG(ES);
+ CDEBUG_LIMIT(ES);

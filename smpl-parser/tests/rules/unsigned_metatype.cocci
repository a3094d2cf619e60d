// `unsigned` applied to a type metavariable.
@@
type T;
identifier x;
@@
- unsigned T x;
+ T x;

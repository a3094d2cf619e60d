// Page counters become signed so that accounting may go below zero; the width stays.
@@
type T;
identifier x =~ "^nr_";
@@
- unsigned T x;
+ T x;

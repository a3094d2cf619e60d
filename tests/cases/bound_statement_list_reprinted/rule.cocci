// A statement list bound to a metavariable and put back in added code is printed anew,
// statement by statement, as spatch 1.1.1 does (`x=n;` is `x = n;`, an unbraced body goes
// on a line of its own).
@@
statement list SS;
identifier fn;
@@
fn(...) {
- SS
+ OBD_TRACE();
+ SS
}

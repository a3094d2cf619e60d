// Code after a statement metavariable goes after each statement it matches: after an
// unbraced body inside braces made for it, after the statement around it below them.
@@
statement S;
@@
  S
+ trace_port(p);

// Positions on tokens and metavariables attached with @.
@pos@
expression E;
position p1, p2;
identifier fn;
@@
  fn@p1(E)@p2;

@depends on pos@
position pos.p1;
expression E;
identifier pos.fn;
@@
- fn@p1(E);
+ fn(E, 0);

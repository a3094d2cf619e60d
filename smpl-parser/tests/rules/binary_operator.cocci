// A binary operator metavariable between two expressions, parsed as the first operator it
// may stand for.
@@
expression E1, E2;
binary operator bop = {==, !=};
@@
- E1 bop E2
+ E2 bop E1

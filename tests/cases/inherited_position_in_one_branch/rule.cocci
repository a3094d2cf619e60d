// The strict mode marks assertions to keep; without it, the other branch still applies.
virtual strict

@kept depends on strict@
position p;
@@

LASSERT@p(...);

@@
position kept.p;
expression E;
@@

(
- LASSERT@p(E);
+ LASSERTF(E, "kept\n");
|
- LASSERT(E);
+ LBUG_ON(!(E));
)

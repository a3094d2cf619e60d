// A freed buffer used later is a bug, unless what leads to it was reassigned first.
@free@
expression E;
@@

kfree(E);

@r exists@
expression free.E, sub <= free.E, E2;
@@

kfree(E);
...
(
 sub = E2;
|
- E
+ NULL
)

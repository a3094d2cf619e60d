// A value inherited from an earlier rule is looked for in every function where its text
// recurs, not only in the one whose match was kept for that text.
@freed@
expression E;
@@

kfree(E);

@use exists@
expression freed.E;
@@

kfree(E);
...
- E
+ NULL

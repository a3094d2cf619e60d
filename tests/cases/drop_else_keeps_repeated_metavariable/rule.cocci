@r@
statement S1;
position p;
@@
if@p (...) S1 else S1

@@
position r.p;
expression E;
statement S, S2;
@@
 if@p (
- E
+ same_branches(E)
 ) S else S2

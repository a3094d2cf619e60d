@r@
statement S;
position p;
@@
S;@p

@@
position r.p;
@@
-;@p

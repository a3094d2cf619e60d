@kept@
position p;
@@
 kfree@p(priv);

@@
position q != kept.p;
expression E;
@@
- kfree@q(E);
+ kvfree(E);

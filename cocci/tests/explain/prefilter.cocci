@@
expression E;
@@
- kvfree_rcu(E);
+ kfree_rcu(E, rcu);

@@
statement E;
@@
- kfree(E);

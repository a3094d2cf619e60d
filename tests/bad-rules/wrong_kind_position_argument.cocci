@@
position p;
@@
- kfree(p);

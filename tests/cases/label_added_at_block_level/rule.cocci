@@
expression E;
@@
  mutex_lock(E);
  ...
- return -EIO;
+ rc = -EIO;
+ goto out_unlock;
+out_unlock:
+ mutex_unlock(E);
+ return rc;

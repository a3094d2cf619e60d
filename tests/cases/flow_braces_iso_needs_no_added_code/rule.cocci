@@
expression E;
@@
  if (E) {
    ...
+   mutex_unlock(&lli->lli_lock);
    return;
  }

@@
identifier fn;
expression L;
@@

  fn(...)
  {
    <...
+   might_sleep();
    mutex_lock(L);
    ...>
  }

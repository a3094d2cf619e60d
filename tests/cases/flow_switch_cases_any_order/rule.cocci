@@
expression E;
@@

  switch (E) {
  case IOC_RESET:
-   ...
+   bar_reset_locked(dev);
    break;
  case IOC_GET:
    ...
    break;
  }

@@
iterator name for_each_port;
@@
for_each_port(...)
{
  ... when any
  if (...) {
    ...
-   goto fail;
+   break;
  }
  ... when any
}

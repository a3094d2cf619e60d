@@
identifier out;
expression E;
@@

- goto out;
+ return E;
  ...
  out:
  return E;

@@
expression E;
@@
  if (x)
- E
  else
    y();

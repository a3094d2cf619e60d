@@
identifier f;
expression E;
@@
f(...)
{
  <...
- OBD_FREE_PTR(E);
+ kfree(E);
  ...>
}

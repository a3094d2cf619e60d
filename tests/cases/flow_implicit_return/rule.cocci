@@
identifier f;
@@
f(...)
{
  ...
+ ll_trace_exit();
  return;
}

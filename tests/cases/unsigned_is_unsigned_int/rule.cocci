@@
identifier fn, file, cmd, arg;
expression E;
@@
fn(struct file *file, unsigned int cmd, unsigned long arg)
{
  <...
- ll_iocontrol_old(E, cmd)
+ ll_iocontrol(E, cmd, arg)
  ...>
}

@@
identifier x;
@@
- unsigned x;
+ u32 x;

@@
identifier ops;
@@
- static const struct file_operations ops = {
- .owner = THIS_MODULE,
- ...
- };

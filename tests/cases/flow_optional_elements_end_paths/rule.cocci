@@
expression dev;
@@
- dev_is_busy(dev)
+ dev_busy_timeout(dev, 10)
  ...
?- dev_relax(dev)
+ cpu_relax()
  ...
? dev_is_busy(dev)

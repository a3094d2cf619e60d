@@
expression dev;
@@

  pm_runtime_get(dev);
  ...
(
- dev->power.usage
+ atomic_read(&dev->power.usage_count)
|
- dev
+ to_qux_dev(dev)
)

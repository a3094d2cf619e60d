@@
expression dev;
@@

 get_device(dev)
 ...
 device_lock(dev)
 ...
- put_device(dev)
+ device_unlock_put(dev)

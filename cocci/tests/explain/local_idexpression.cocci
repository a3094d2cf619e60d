@@
local idexpression struct obd_device *D;
@@
- class_decref(D);
+ class_put(D);

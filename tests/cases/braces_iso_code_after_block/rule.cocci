@@
expression lock;
@@
 {
 spin_unlock(lock);
 }
+wake_up_all(&obd->obd_waitq);

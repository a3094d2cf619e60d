@@
identifier fn;
expression X, Y;
@@

 fn(...) {
   ...
   lock_queue(X);
   ...
-  wake_up(Y);
+  wake_up_locked(X, Y);
   ...
 }

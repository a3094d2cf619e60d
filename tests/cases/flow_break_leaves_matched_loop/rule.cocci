@@
@@

 while (...) {
   <...
   drain_one();
+  note_drained();
   break;
   ...>
 }

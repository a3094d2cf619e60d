@@
statement S;
@@
 {
 S
 }
+lu_ref_check(ref);

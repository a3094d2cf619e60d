@@
expression rc;
statement S;
@@
 if (rc)
 {
 S
 }
+lprocfs_counter_incr(obd->obd_stats, LPROC_ERRORS);

// The obd argument of the stats helpers is unused: drop it from the definition (the
// prototype follows).
@@
identifier fn =~ "^lprocfs_stats_";
identifier obd, stats;
@@
  fn(
-    struct obd_device *obd,
     struct lprocfs_stats *stats)
  {
  ...
  }

@@
identifier fn, obd;
@@
  fn(...,
+ struct lu_env *env,
  struct obd_device *obd, ...)
  { ... }

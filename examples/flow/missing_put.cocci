// A reference that an error return leaks: some path from cl_env_get() to a
// `return -ERR` that does not drop it with cl_env_put(). The path taken when the get
// failed does not count. The get is reported.
@exists@
expression E, R, E2;
@@
* E = cl_env_get(R);
  ... when != cl_env_put(E, R)
      when != true IS_ERR(E)
(
  return -E2;
|
  RETURN(-E2);
)

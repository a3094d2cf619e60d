// A parameter list bound to a metavariable and put in added code is printed anew, as
// spatch 1.1.1 does (`struct osc_io*oio,int  n` is `struct osc_io *oio, int n`).
@@
parameter list PS;
@@
- osc_io_prep(PS)
+ osc_io_prepare(PS)
  {...}

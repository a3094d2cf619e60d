// Only the extent pointers: the type of the global comes from the header.
@@
struct osc_extent *ext;
@@
- osc_extent_put(ext);
+ osc_extent_release(ext);

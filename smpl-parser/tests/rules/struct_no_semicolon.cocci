// A struct definition pattern without the trailing `;`, and a field list metavariable.
@@
identifier s;
field list fs;
@@
  struct s {
  fs
+ int ll_flags;
  }

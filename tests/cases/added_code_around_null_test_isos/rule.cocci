// Code added around `x == NULL` goes around the `!x` it matches (standard.iso's is_null),
// and code added after `y != NULL` goes after the bare `y` it matches (isnt_null1), as
// spatch writes them.
@@
expression x;
@@
+ unlikely(
  x == NULL
+ )

@@
expression y;
@@
  y->private_data != NULL
+ && likely(y->f_count)

// string_helpers_flags.cocci: libcfs's string helpers that have no kernel equivalent a rule can
// substitute, one `*` rule per helper. `rcocci convert` reports each use as
// FILE:LINE: API: reason; spatch shows the matched lines as removed (context mode).

// flag cfs_gettok: splits a struct cfs_lstr (pointer and length, not NUL-terminated); the kernel's strsep() needs a NUL-terminated string: convert the parser to char * and strsep() by hand
@gettok@
expression list args;
@@
* cfs_gettok(args)

// flag cfs_str2num_check: parses the first n characters of a counted string (no NUL needed), trimming white space in place, and returns 1 when min <= v <= max; where the string is NUL-terminated and holds only the number it is !kstrtouint(s, 0, &v) && v >= min && v <= max
@str2num_check@
expression list args;
@@
* cfs_str2num_check(args)

// flag cfs_firststr: cuts the first white-space-delimited word out of a buffer of at most n bytes, in place; the kernel has no such helper: skip_spaces(), then end the word with strsep() or strcspn() once the buffer is NUL-terminated within n
@firststr@
expression list args;
@@
* cfs_firststr(args)

// flag cfs_strrstr: the kernel has no last-occurrence substring search; a one-character literal needle is strrchr(h, 'c'), which string_helpers.cocci writes where h is an array; elsewhere first check that h cannot be NULL (cfs_strrstr returns NULL for it, strrchr dereferences it)
@strrstr@
expression list args;
@@
* cfs_strrstr(args)

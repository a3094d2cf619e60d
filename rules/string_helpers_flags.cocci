// string_helpers_flags.cocci: libcfs's string helpers that have no kernel equivalent a rule can
// substitute, one `*` rule per helper. `rcocci convert` reports each use as
// FILE:LINE: API: reason; spatch shows the matched lines as removed (context mode).

// flag cfs_gettok: splits a struct cfs_lstr (pointer and length, not NUL-terminated); the kernel's strsep() needs a NUL-terminated string: convert the parser to char * and strsep() by hand
@gettok@
expression list args;
@@
* cfs_gettok(args)

// flag cfs_str2num_check: parses a counted string (no NUL at the end) and accepts trailing white space; kstrtouint() needs a NUL-terminated string and accepts only a trailing newline
@str2num_check@
expression list args;
@@
* cfs_str2num_check(args)

// flag cfs_firststr: NUL-terminates the first word within a size limit; skip_spaces() and strsep() do it once the buffer is NUL-terminated at that limit
@firststr@
expression list args;
@@
* cfs_firststr(args)

// flag cfs_strrstr: the kernel has no last-occurrence substring search; strrchr() only where the needle is one character
@strrstr@
expression list args;
@@
* cfs_strrstr(args)

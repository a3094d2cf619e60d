// libcfs's string helpers with a direct kernel equivalent:
//   cfs_trimwhite(s)  ->  strim(s)
// Both cut trailing white space in place and return the first non-blank character.
// cfs_firststr, cfs_gettok, cfs_str2num_check and cfs_strrstr need more than a renaming and
// are not handled here.

@trimwhite@
expression s;
@@
- cfs_trimwhite(s)
+ strim(s)

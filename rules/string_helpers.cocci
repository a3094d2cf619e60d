// libcfs's string helpers with a direct kernel equivalent:
//   cfs_trimwhite(s)      ->  strim(s)
//   cfs_strrstr(h, "c")   ->  strrchr(h, 'c')   (a one-character literal needle, h an array)
// cfs_trimwhite and strim both cut trailing white space in place and return the first
// non-blank character. cfs_strrstr returns strrchr(h, needle[0]) itself when the needle is
// one character long, but returns NULL for a NULL haystack where strrchr dereferences it: the
// call is converted only where the haystack is an array (not an array parameter, which is a
// pointer), so cannot be NULL. The other
// uses, and cfs_firststr, cfs_gettok and cfs_str2num_check, are reported by
// string_helpers_flags.cocci with what to do by hand.
// The character constant is built by a Python script rule (python3 at run time).

@trimwhite@
expression s;
@@
- cfs_trimwhite(s)
+ strim(s)

@strrstr_one_char@
char[] haystack;
constant char[] needle;
position p;
@@
cfs_strrstr@p(haystack, needle)

// An array parameter is a pointer, which can be NULL: its calls are not converted.
@strrstr_array_param depends on strrstr_one_char@
identifier f, a;
type T;
position ap;
@@
f(..., T a[], ...) { <+... cfs_strrstr@ap(a, ...) ...+> }

@strrstr_sized_array_param depends on strrstr_one_char@
identifier f, a;
type T;
expression n;
position ap;
@@
f(..., T a[n], ...) { <+... cfs_strrstr@ap(a, ...) ...+> }

// The needle's character as a character constant; a needle that is not a one-character
// literal ("ab", "", "\0", an octal or hex escape, L"c", "a" "b") is left alone.
@script:python strrstr_char@
needle << strrstr_one_char.needle;
c;
@@
# Quote characters are spelled chr(34) (double), chr(39) (single), chr(92) (backslash).
dq, sq, bs = chr(34), chr(39), chr(92)
body = needle[1:-1] if len(needle) >= 2 and needle[0] == dq and needle[-1] == dq else None
if body is not None and len(body) == 1 and body not in (dq, sq, bs):
	coccinelle.c = cocci.make_expr(sq + body + sq)
elif body == sq:
	coccinelle.c = cocci.make_expr(sq + bs + sq + sq)
elif body == bs + dq:
	coccinelle.c = cocci.make_expr(sq + dq + sq)
elif body is not None and len(body) == 2 and body[0] == bs and body[1] in "ntrvfab?" + bs:
	coccinelle.c = cocci.make_expr(sq + body + sq)
else:
	cocci.include_match(False)

@@
char[] strrstr_one_char.haystack;
constant char[] strrstr_one_char.needle;
position strrstr_one_char.p;
position q != {strrstr_array_param.ap, strrstr_sized_array_param.ap};
expression strrstr_char.c;
@@
- cfs_strrstr@p@q(haystack, needle)
+ strrchr(haystack, c)

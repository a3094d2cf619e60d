// A statement bound to a metavariable and put back in added code is printed anew, as
// spatch 1.1.1 does: headers and simple statements spaced from the C tree (`if(rc<0)` is
// `if (rc < 0)`, a `for` header `for (i = 0; i < n; i++)`), a comment keeping the blanks
// before it on its statement's line.
@@
statement S;
@@

  lock_res(res);
- S
+ ldlm_trace(res);
+ S

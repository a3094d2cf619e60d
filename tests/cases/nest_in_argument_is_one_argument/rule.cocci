// A nest written as an argument stands for one argument: `<+... ...+>` is not list dots,
// so a call with another argument beside it does not match.
@@
expression E;
@@
 ldlm_lock_put(<+...
- E->l_handle.h_cookie
+ lustre_handle_cookie(E)
 ...+>);

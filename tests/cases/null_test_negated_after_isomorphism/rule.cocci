// The added `!` sits right inside the parentheses, whatever blanks the removed test had.
// An explicit NULL test becomes a negation; the isomorphism also finds NULL == x.
@@
expression E;
@@
- E == NULL
+ !E

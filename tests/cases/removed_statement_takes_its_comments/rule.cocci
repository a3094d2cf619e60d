// Comments over removed code go with it when the removed code ends its paragraph
// (a blank line, or the end of the block, follows), as spatch does; a comment over
// code that is followed directly by more code stays.
@@
@@
- if (!ll_security_enabled())
-	return 0;

@@
expression E;
@@
- ll_trace(E);

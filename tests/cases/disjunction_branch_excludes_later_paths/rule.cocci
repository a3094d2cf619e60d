// The second branch is tried only where the first does not match: in the first function
// `PTR_ERR(as)` follows `IS_ERR(as)` and nothing is reported, although the second branch
// matches there too (with e1 = e); with `...` every path is a match of its own, and the
// first branch's matches used to let the second one in as well.
@@
expression e, e1;
@@
(
if (IS_ERR(e)) { ... PTR_ERR(e) ... }
|
*if (IS_ERR(e))
 { ...
*  PTR_ERR(e1)
   ... }
)

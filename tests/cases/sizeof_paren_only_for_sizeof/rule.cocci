// sizeof(E) matches `sizeof E` (standard.iso's sizeof_paren) but no other prefix operator
// and its operand: `&req->rq_reqmsg` and `-rc` are not sizes.
@@
expression E;
@@
- sizeof(E)
+ lustre_msg_size(E)

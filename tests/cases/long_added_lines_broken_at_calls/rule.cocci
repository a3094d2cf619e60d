@@
expression P, S;
@@
- OBD_ALLOC(P, S);
+ P = kzalloc_node_with_a_longer_name(S, GFP_NOFS, cfs_cpt_spread_node(cfs_cpt_tab, 0));

@@
expression E;
@@
- LASSERT_CHECK(E);
+ LASSERTF(E, "llite inode %p (%s, %d) has an unexpected state\n", inode, "name", 1);

@@
expression list ES;
@@
- old_request_pack(ES)
+ ptlrpc_request_pack_with_capability(ES, LUSTRE_MDS_VERSION)

@@
expression A, B;
@@
- MULTIPLY(A, B)
+ multiply_and_check_for_overflow_in_the_value(A * B, B, sizeof(unsigned long long))

@@
expression E;
@@
- STORE_RESULT(E);
+ lsm->lsm_result_of_the_computation_stored_here = E;

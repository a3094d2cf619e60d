// The old lock structures are replaced by the common ones.
@@
identifier l;
@@
- struct \(ldlm_old_lock\|ldlm_old_res\) l;

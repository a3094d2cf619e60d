@@
local idexpression struct ll_sb_info *sbi;
@@
- ll_put_sbi(sbi);
+ ll_sbi_release(sbi);

@@
struct inode *I;
@@
- iput(I);
+ ll_iput(I);

@@
@@
- #define DEV_REG(...,base,...,off,...) 0

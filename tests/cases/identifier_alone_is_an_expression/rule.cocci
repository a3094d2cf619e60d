@@
symbol timeout;
@@
- timeout
+ tmo_jiffies

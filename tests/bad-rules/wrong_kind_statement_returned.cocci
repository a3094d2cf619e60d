@@
statement S;
@@
- return S;
+ return 0;

@@
statement S;
@@
  break;
- S

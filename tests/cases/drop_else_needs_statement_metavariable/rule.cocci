@@
expression x, y, v;
@@
- if (x > y) {
-	v = x;
- } else {
-	v = y;
- }
+ v = max(x, y);

@@
expression x, y, v;
statement S;
@@
- if (x < y)
-	v = x;
- else S
+ v = min(x, y);

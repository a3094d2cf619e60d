@@
bool b;
@@
(
 b =
- 0
+ false
|
 b =
- 1
+ true
)

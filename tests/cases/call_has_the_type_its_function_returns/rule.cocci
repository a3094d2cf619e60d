@@
bool t;
symbol true;
symbol false;
@@
(
- t == true
+ t
|
- t == false
+ !t
)

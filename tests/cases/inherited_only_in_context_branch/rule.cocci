@getter@
identifier get;
typedef bool;
@@
bool get(...) { ... }

@flag@
identifier getter.get;
expression x;
@@
(
- x = 1;
+ x = true;
|
  x = get(...);
)

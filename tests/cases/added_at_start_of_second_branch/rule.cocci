@@
expression E;
@@

(
  static_check(E);
|
+ runtime_check(E);
  do_work(E);
)

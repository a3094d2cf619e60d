@@
field f;
@@
struct job {
  ...
+ unsigned int prio_hint;
  f
  int prio;
  ...
};

// Lines added before and after one statement of a macro body, continuations aligned
// (spatch 1.1.1 adds the same lines but drops two continuations, ending the macro early).
@@
identifier l;
@@
+ might_sleep();
  lock(l);
+ trace_lock(l);

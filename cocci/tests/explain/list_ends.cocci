@@
expression Env, O;
@@
- lu_object_put(Env, O);
+ lu_object_put_nocache(Env, O);

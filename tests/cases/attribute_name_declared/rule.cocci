// The __ldlm_hot annotation is retired: drop it from initialised counters.
@@
attribute name __ldlm_hot;
identifier x;
expression E;
@@
 int x
- __ldlm_hot
 = E;

@@
expression E1;
@@
- memcpy(E1, E2, sizeof(*E1));
+ *E1 = *E2;

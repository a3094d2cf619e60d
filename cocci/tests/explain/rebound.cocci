@@
expression E, N;
@@
- memcpy(E, E, N);

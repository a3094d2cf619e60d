// `symbol` says the capital name is a real identifier: no warning.
@@
symbol N;
expression E;
@@
- E = N;
+ E = 0;

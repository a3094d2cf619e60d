@@
identifier f =~ "^(get|put)_\1$";
@@
- f();

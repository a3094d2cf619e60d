@@
@@
- no_such_function();

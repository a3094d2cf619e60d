@@
expression E;
@@

  if (E) {
-	pr_debug("leaving early\n");
	...
	return ...;
  }

@@
expression rc;
constant C;
@@
- if (rc == C)
+ if (rc == C && !lustre_fatal(rc))
	return rc;

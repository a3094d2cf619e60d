/// kfree(NULL) is safe: a NULL test before kfree is not needed.
///
// Confidence: High
// Comments: written for rcocci's coccicheck-style test
// Options: --no-includes --include-headers

virtual patch
virtual context
virtual org
virtual report

@depends on patch@
expression E;
@@
- if (E != NULL)
-	kfree(E);
+ kfree(E);

@r depends on context || org || report@
expression E;
position p;
@@
* if (E != NULL)
*	kfree@p(E);

@script:python depends on org@
p << r.p;
@@
cocci.print_main("NULL check before kfree is not needed", p)

@script:python depends on report@
p << r.p;
@@
coccilib.report.print_report(p[0], "WARNING: NULL check before kfree is not needed")

@@
attribute name __log_format;
identifier fn;
@@
 __log_format(2, 3)
-int
+void
 fn(...) { ... }

@@
declarer name DEFINE_PER_CPU;
attribute name __cacheline_aligned;
@@
 DEFINE_PER_CPU(...)
- __cacheline_aligned
 ;

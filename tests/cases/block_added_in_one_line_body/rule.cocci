@@
identifier fn != {probe};
statement S;
@@
void fn(...)
{
+{
+	if (debug_enabled)
+		trace_exit(__func__);
+}
 S
 ... when any
}

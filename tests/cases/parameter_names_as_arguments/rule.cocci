@@
identifier fn =~ "^osd_";
parameter list PS;
expression list ES;
@@
fn(PS@ES)
{
+	trace_osd_call(ES);
	...
}

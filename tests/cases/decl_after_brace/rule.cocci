// Every mdc request function gets a trace of its entry.
@@
identifier fn =~ "^mdc_";
@@
fn(...)
{
+ ENTRY;
...
}

// A parameter added to a definition goes to its prototypes too; a prototype that names its
// parameters differently keeps its own names.
@@
identifier fn = port_setup;
@@
 fn(...
+	, unsigned int flags
 ) { ... }

// Old-style code leaves the int return type out of prototypes and definitions alike:
// `setup (int argc);` is a prototype, not a macro call, and follows its definition.
@@
identifier fn = setup;
@@
 fn(...
+	, char **envp
 ) { ... }

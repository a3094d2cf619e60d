@@
identifier f : script:python() { f.startswith("ll_") };
@@
- f();

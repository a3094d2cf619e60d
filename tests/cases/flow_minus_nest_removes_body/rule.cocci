@@
expression E;
@@

- if (debug_level > 2) { <+... \(trace_enter(E);\|trace_exit(E);\) ...+> }

// Raw pointers must not reach the console: drop debug messages printing one with %p.
@@
format f =~ "^p$";
expression list es;
@@
- CDEBUG(D_INFO, "...%@f@...", es);

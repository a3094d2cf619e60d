@@
expression e;
@@
release_all(..., e, ...);
++note(e);

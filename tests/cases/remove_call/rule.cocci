// Drop a debugging call that no longer exists upstream.
@@
expression E;
@@
- CDEBUG_LIMIT_OLD(E);

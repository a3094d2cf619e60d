// Debug messages may still name a freed request; any other use is a bug.
@dbg@
expression E;
position p;
@@

CDEBUG(..., E@p, ...)

@r exists@
expression E;
position p2 != dbg.p;
@@

ptlrpc_req_free(E);
...
- E@p2
+ NULL

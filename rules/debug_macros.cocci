// Lustre's debug-tracing macros, replaced by plain C.
//   ENTRY;  EXIT;           -> removed
//   RETURN(e);              -> return e;
//   RETURN_EXIT;            -> return;
//   GOTO(l, v = x);         -> v = x; goto l;
//   GOTO(l, e);             -> goto l;      when e has no side effect
//   GOTO(l, e);             -> e; goto l;   otherwise (a call, an increment, ...)
// Braces are added where one statement becomes two in an unbraced if/else/loop body.

@entry_exit@
@@
(
- ENTRY;
|
- EXIT;
)

@return_value@
expression e;
@@
- RETURN(e);
+ return e;

@return_void@
@@
- RETURN_EXIT;
+ return;

// An assignment keeps its effect, before the jump.
@goto_assign@
identifier l;
expression v, x;
@@
- GOTO(l, v = x);
+ v = x;
+ goto l;

// Values that cannot have a side effect are dropped: the jump alone remains.
@goto_pure@
identifier l, i, f;
constant c;
expression s;
@@
(
- GOTO(l, i);
+ goto l;
|
- GOTO(l, c);
+ goto l;
|
- GOTO(l, -i);
+ goto l;
|
- GOTO(l, -c);
+ goto l;
|
- GOTO(l, s->f);
+ goto l;
|
- GOTO(l, s.f);
+ goto l;
)

// Anything else (a call, an increment, a compound assignment) is kept as a statement.
@goto_effect@
identifier l;
expression e;
@@
- GOTO(l, e);
+ e;
+ goto l;

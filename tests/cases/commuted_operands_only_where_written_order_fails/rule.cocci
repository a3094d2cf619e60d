// `X | Y` matches `Y | X` (standard.iso's bitor_comm) only where it does not match as
// written: `IT_OPEN | IT_OPEN` is one duplicate, reported at its first operand, not a
// second time at its second with the operands swapped.
@r expression@
expression E;
position p;
@@
*E@p | ... | E

@script:python@
p << r.p;
E << r.E;
@@
print("%s duplicated at %s:%s" % (E, p[0].line, p[0].column))

// Dots after a jump that is the last statement of a block go where the jump leads: after
// `goto out_free;` at the end of the else block of port_attach, the code is the label's
// (which frees), not the `return 0;` after the if, which no path from the goto reaches.
// port_detach and port_scan leak on their goto paths.
@leak exists@
expression E;
int R;
identifier l;
@@
* E = kzalloc(...);
  ... when != kfree(E)
      when != bus_link(..., &E->node)
      when != true !E
  goto l;
  ... when != kfree(E)
  return R;

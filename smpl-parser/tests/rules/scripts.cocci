// Script rules: bindings in, bindings out, defaults, initialize and finalize.
@initialize:python@
@@
seen = set()

@find@
identifier fn;
position p;
expression E;
@@
  fn@p(E);

@script:python report depends on find@
fn << find.fn;
p << find.p;
e << find.E = "none";
pos << find.p = [];
new_name;
@@
seen.add(fn)
coccinelle.new_name = fn + "_checked"

@script:ocaml@
(s, ast) << find.E;
@@
Printf.printf "%s\n" s

@finalize:python@
all << merge.fn;
@@
print(len(seen))

// One prototype per structure found by the first rule, all before the same function: in
// spatch's order of the inherited environments.
@r@
identifier s;
@@
struct s { ... };

@@
identifier r.s;
fresh identifier init = s ## "_init";
@@
++ int init(struct s *obj);
int ll_module_init(void) { ... }

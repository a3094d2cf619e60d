@tag@
identifier id;
@@
struct id { ... };

@proto@
identifier tag.id;
fresh identifier init = "init_" ## id;
@@
++void init(struct id *p);
 struct id { ... };

@var@
identifier tag.id;
identifier P;
@@
struct id *P;

@call@
identifier var.P;
identifier proto.init;
@@
void setup(void)
{
 ...
++init(P);
}

@r@
identifier f;
position p;
@@
  f@p(...)

@script:python@
f << r.f;
p << r.p;
@@
print(f, p[0].line)

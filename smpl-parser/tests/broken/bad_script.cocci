@r@
identifier fn;
@@
  fn();

@script:python@
f << fn;
@@
print(f)

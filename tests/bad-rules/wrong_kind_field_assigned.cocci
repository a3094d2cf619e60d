@@
field fld;
expression e;
@@
- e = fld;

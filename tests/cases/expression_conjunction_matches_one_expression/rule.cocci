// A conjunction whose branches are expressions matches one expression of the statement
// with all of them: the duplicated test `t->prov_major == 0` holds no call and no
// assignment (the assignments in the if's body are not in it), so it is reported.
@r expression@
expression E;
position p;
@@
(
 E@p || ... || E
|
 E@p && ... && E
)

@bad@
expression r.E, e1, e2, fn;
position r.p;
assignment operator op;
@@
(
E@p
&
 <+... \(fn(...)\|e1 op e2\|e1++\|e1--\|++e1\|--e1\) ...+>
)

@depends on !bad@
expression r.E;
position r.p;
@@
*E@p

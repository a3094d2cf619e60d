// After a loop, the first statement using its cursor ends the dots: `sizeof(<+...c...+>)`
// and `c = E` (a new value, nothing reported) are tried before `*c`, and where one of them
// matches the later branch does not, although `it` occurs in the assignment (the script ran
// for `it` and for the `it` inside sizeof, three times). Only item_last's use is reported.
@r exists@
identifier c, member;
expression E;
iterator name list_for_each_entry;
statement S;
position p;
@@
list_for_each_entry(c, ..., member) { ... when != break;
                                 when forall
                                 when strict
}
...
(
list_for_each_entry(c, ...) S
|
sizeof(<+...c...+>)
|
c = E
|
*c@p
)

@script:python@
p << r.p;
@@
print("cursor used after the loop on line %s" % p[0].line)

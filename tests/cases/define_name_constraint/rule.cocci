// The macro name is an identifier metavariable whose constraint the header checks.
@@
identifier m =~ "^REG_";
constant c;
@@
#define m \
- c
+ (c)

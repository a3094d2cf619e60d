// A body on its own line keeps its indentation inside the new braces, measured in
// columns (a tab-indented body under a space-indented `if` is deeper), so no line
// gets spaces before a tab. The closing brace takes its spelling from the next code
// line, comments passed over.
@@
identifier LABEL;
expression VAR, VAL;
@@
- GOTO(LABEL, VAR = VAL);
+ VAR = VAL;
+ goto LABEL;

// The rule forgets to declare E: it would only match a variable named E.
@@
@@
- kfree(E);
+ kvfree(E);

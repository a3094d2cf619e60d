@@
identifier p;
@@
- if (!p)
- {
- ...
- }

@@
@@
- legacy_init (void) { ... }
+ modern_init(void) { return setup_all(); }

// A #define that spells a type names that type: count is unsigned short,
// other is not.
@@
unsigned short v;
@@
- v = v + 1;
+ v++;

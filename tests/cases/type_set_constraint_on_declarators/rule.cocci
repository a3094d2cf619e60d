// Zero-initialise plain u32 and u16 locals: the type set rejects a pointer or an array
// declarator, whose type (`u32 *`, `u16 [4]`) is in no set.
@@
typedef u32, u16;
type T = { u32, u16 };
identifier x;
@@
- T x;
+ T x = 0;

// A star added after a type makes a pointer to it. When the name is declared as an array,
// the pointer is to the whole array: `*` binds looser than `[]`, so the name and its star
// are parenthesised. spatch 1.1.1 writes `u8 buf[16]*`, which is not C; newer Coccinelle
// writes what C means.
@@
type T;
identifier f;
@@
f(...) {
...
T
+ *
rx_buf;
...
}

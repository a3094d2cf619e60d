// Staging buffers are gone from the request path: drop every *_buf local, whatever its type.
@@
type T;
identifier b =~ "_buf$";
@@
- T b;

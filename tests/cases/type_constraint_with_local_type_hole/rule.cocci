@@
type T;
type P != {T *};
identifier f;
@@
struct port_cache {
  ...
- P f;
  ...
};

// The second rule sees what the first one wrote.
@@
expression P;
@@
- OBD_ALLOC_PTR(P);
+ P = kzalloc(sizeof(*P), GFP_NOFS);

@@
expression P;
statement S;
@@
  P = kzalloc(...);
- if (P == NULL)
+ if (!P)
  S

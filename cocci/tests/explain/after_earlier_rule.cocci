@@
expression P, S;
@@
- OBD_ALLOC(P, S);
+ P = kzalloc(S, GFP_NOFS);

@@
expression P, S;
@@
- P = kzalloc(S, GFP_NOFS);
+ P = kvzalloc(S, GFP_NOFS);

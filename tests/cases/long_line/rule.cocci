@@
expression P, S;
@@
- OBD_ALLOC(P, S);
+ P = kzalloc(S, GFP_NOFS);

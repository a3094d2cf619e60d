/*
 * The control-flow macros of Lustre, for the rules of examples/flow: a function
 * leaves by RETURN and RETURN_EXIT and jumps by GOTO, whose second argument is
 * evaluated on the way (often `rc = -ENOMEM`). Both tools get this file, so that
 * they follow the same paths and see the same code along them.
 */
#define RETURN(rc) return rc
#define RETURN_EXIT return
#define GOTO(label, rc) do { rc; goto label; } while (0)

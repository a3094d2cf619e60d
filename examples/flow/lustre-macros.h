/*
 * The control-flow macros of Lustre, for the rules of examples/flow: a function
 * leaves by RETURN and RETURN_EXIT and jumps by GOTO (whose second argument only
 * sets the value logged on the way out). Both tools get this file, so that they
 * follow the same paths.
 */
#define RETURN(rc) return rc
#define RETURN_EXIT return
#define GOTO(label, rc) goto label
/*
 * with_imp_locked(obd, imp, rc) { ... } runs its block with the device's import, under
 * its client semaphore: a loop header, as standard.h states iterators (spatch does not
 * parse the function otherwise).
 */
#define with_imp_locked(obd, imp, rc) YACFE_ITERATOR

// Memory that an exit leaks: some path from an allocation held in a local variable to a
// `return -ERR`, or through a goto to a return of the function's int status, on which
// the memory is neither freed nor handed on. Handed on: passed to a function other than
// the string, memory, user-copy and logging helpers listed (which read it and keep
// nothing), stored, or a field's address handed on. The path on which the allocation
// failed does not count, nor the branch of `if (E)` where it did. The allocation is
// reported. Paths are not told apart by the values of variables: `out: if (rc)
// OBD_FREE_PTR(p);` reached with rc set is a report, to be read.
@leak exists@
local idexpression E;
expression E2, E3;
int E4;
type T;
identifier f != {memset, memcpy, memmove, memcmp, memchr, copy_from_user,
                 copy_to_user, strcpy, strncpy, strscpy, strlcpy, strcmp,
                 strncmp, strlen, strnlen, strchr, strrchr, strstr, sprintf,
                 snprintf, scnprintf, sscanf, CDEBUG, CERROR, CWARN,
                 CDEBUG_LIMIT, LASSERT, LASSERTF};
identifier other, l;
@@
(
* OBD_ALLOC_PTR(E);
|
* OBD_ALLOC(E, ...);
|
* OBD_ALLOC_LARGE(E, ...);
|
* OBD_ALLOC_GFP(E, ...);
|
* OBD_ALLOC_PTR_ARRAY(E, ...);
|
* OBD_ALLOC_PTR_ARRAY_LARGE(E, ...);
|
* OBD_SLAB_ALLOC_PTR(E, ...);
|
* OBD_SLAB_ALLOC_PTR_GFP(E, ...);
|
* LIBCFS_ALLOC(E, ...);
|
* CFS_ALLOC_PTR(E);
|
* CFS_ALLOC_PTR_ARRAY(E, ...);
|
* E = \(kmalloc\|kzalloc\|kcalloc\|kmalloc_array\|kvmalloc\|kvzalloc\|kmem_cache_alloc\|kmem_cache_zalloc\)(...);
)
  ... when != f(..., E, ...)
      when != f(..., (T)E, ...)
      when != f(..., &E->other, ...)
      when != E3 = E
      when != E3 = (T)E
      when != E3 = &E->other
      when != E = E3
      when != true E == NULL
      when != true !E
      when != true unlikely(E == NULL)
      when != false E
      when != false E != NULL
      when != false likely(E != NULL)
      when != false likely(E)
(
  return -E2;
|
  RETURN(-E2);
|
  goto l;
  ... when != f(..., E, ...)
      when != f(..., (T)E, ...)
      when != f(..., &E->other, ...)
      when != E3 = E
      when != E3 = (T)E
      when != E3 = &E->other
      when != E = E3
      when != true E == NULL
      when != true !E
      when != true unlikely(E == NULL)
      when != false E
      when != false E != NULL
      when != false likely(E != NULL)
      when != false likely(E)
(
  return E4;
|
  RETURN(E4);
)
|
  GOTO(l, ...);
  ... when != f(..., E, ...)
      when != f(..., (T)E, ...)
      when != f(..., &E->other, ...)
      when != E3 = E
      when != E3 = (T)E
      when != E3 = &E->other
      when != E = E3
      when != true E == NULL
      when != true !E
      when != true unlikely(E == NULL)
      when != false E
      when != false E != NULL
      when != false likely(E != NULL)
      when != false likely(E)
(
  return E4;
|
  RETURN(E4);
)
)

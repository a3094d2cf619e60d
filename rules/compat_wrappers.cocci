// libcfs compatibility wrappers replaced by the kernel interfaces they wrap (the
// definitions in libcfs's linux-time.h, curproc.h and linux-curproc.c, Lustre 2.14).
//   cfs_timer_setup(t, f, d, flags)  ->  timer_setup(t, f, flags)   (the data argument goes:
//                                        the callback gets the timer and uses from_timer)
//   cfs_timer_cb_arg(v, f)           ->  &v->f
//   cfs_from_timer(v, t, f)          ->  from_timer(v, t, f)
//   CFS_CAP_X                        ->  CAP_X for the nine capabilities libcfs defines, all
//                                        with the kernel's numbers (CFS_CAP_FS_MASK stays:
//                                        the kernel's CAP_FS_MASK is a different thing)
//   cfs_capable(c)                   ->  capable(c)   (cfs_cap_unpack is the identity)
//   current_pid()                    ->  current->pid
//   cfs_rand() % n                   ->  prandom_u32_max(n)
//   CLASSERT(c);                     ->  BUILD_BUG_ON(!c);   (c parenthesised when needed)
// Each name is its own rule: the rules stay trivial for every engine.

@timer_setup@
expression t, f, d, flags;
@@
- cfs_timer_setup(t, f, d, flags)
+ timer_setup(t, f, flags)

@timer_cb_arg@
expression v;
identifier fld;
@@
- cfs_timer_cb_arg(v, fld)
+ &v->fld

@from_timer@
expression v, t;
identifier fld;
@@
- cfs_from_timer(v, t, fld)
+ from_timer(v, t, fld)

@cap_chown@
@@
- CFS_CAP_CHOWN
+ CAP_CHOWN

@cap_dac_override@
@@
- CFS_CAP_DAC_OVERRIDE
+ CAP_DAC_OVERRIDE

@cap_dac_read_search@
@@
- CFS_CAP_DAC_READ_SEARCH
+ CAP_DAC_READ_SEARCH

@cap_fowner@
@@
- CFS_CAP_FOWNER
+ CAP_FOWNER

@cap_fsetid@
@@
- CFS_CAP_FSETID
+ CAP_FSETID

@cap_linux_immutable@
@@
- CFS_CAP_LINUX_IMMUTABLE
+ CAP_LINUX_IMMUTABLE

@cap_sys_admin@
@@
- CFS_CAP_SYS_ADMIN
+ CAP_SYS_ADMIN

@cap_sys_boot@
@@
- CFS_CAP_SYS_BOOT
+ CAP_SYS_BOOT

@cap_sys_resource@
@@
- CFS_CAP_SYS_RESOURCE
+ CAP_SYS_RESOURCE

@capable@
expression c;
@@
- cfs_capable(c)
+ capable(c)

@pid@
@@
- current_pid()
+ current->pid

@rand_mod@
expression n;
@@
- cfs_rand() % n
+ prandom_u32_max(n)

@classert@
expression c;
@@
- CLASSERT(c);
+ BUILD_BUG_ON(!c);

// Kernel-compat wrappers of Lustre's llite (lustre_compat.h) that copy-client's spatch rules
// replace for the kernel it targets:
//   ll_vfs_unlink(d, e)            ->  vfs_unlink(d, e, NULL)
//   ll_pagevec_init(p, 0);         ->  pagevec_init(p);
//   ll_task_pid_ns(t)              ->  t->nsproxy ? t->nsproxy->pid_ns_for_children : NULL
//   get_vmf_address(vmf)           ->  (void __user *)vmf->address
//   (LOOKUP_CONTINUE | LOOKUP_PARENT) -> LOOKUP_PARENT  (LOOKUP_CONTINUE is gone)
//   unlikely(fscrypt_dummy_context_enabled(i)) -> 0, llcrypt_ likewise (test-only policies)
//   fscrypt_sb_free(sb);, llcrypt_sb_free(sb);  removed (the VFS frees it)
//   if (!selinux_is_enabled()) S   removed; `a || !selinux_is_enabled()` -> `a`;
//   `a && !selinux_is_enabled() && b` removed (SELinux is always built in)
// copy-client's ll_filemap_fault(vma, vmf) -> filemap_fault(vmf) is not carried: Lustre master
// defines ll_filemap_fault itself (a retry around filemap_fault, LU-16160), so converting its
// calls would drop that code.

@vfs_unlink@
expression d, e;
@@
- ll_vfs_unlink(d, e)
+ vfs_unlink(d, e, NULL)

@pagevec_init@
expression p;
@@
- ll_pagevec_init(p, 0);
+ pagevec_init(p);

@task_pid_ns@
expression t;
@@
- ll_task_pid_ns(t)
+ t->nsproxy ? t->nsproxy->pid_ns_for_children : NULL

@vmf_address@
expression vmf;
attribute name __user;
@@
- get_vmf_address(vmf)
+ (void __user *)vmf->address

@lookup_continue@
@@
- (LOOKUP_CONTINUE | LOOKUP_PARENT)
+ LOOKUP_PARENT

@fscrypt_dummy@
expression i;
@@
(
- unlikely(fscrypt_dummy_context_enabled(i))
+ 0
|
- unlikely(llcrypt_dummy_context_enabled(i))
+ 0
)

@sb_free@
expression sb;
@@
(
- fscrypt_sb_free(sb);
|
- llcrypt_sb_free(sb);
)

@selinux_and@
expression a, b;
statement S;
@@
- if (a && !selinux_is_enabled() && b) S

@selinux_only@
statement S;
@@
- if (!selinux_is_enabled()) S

@selinux_or@
expression a;
statement S;
@@
- if (a || !selinux_is_enabled())
+ if (a)
  S

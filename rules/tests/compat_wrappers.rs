//! `rules/compat_wrappers.cocci`: libcfs timer, capability, pid, random and assertion wrappers
//! replaced by the kernel interfaces.

mod support;

cases!(compat_wrappers; timers, caps);

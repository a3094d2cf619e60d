//! `rules/compat_wrappers.cocci`: libcfs timer, capability, pid, random and assertion wrappers
//! replaced by the kernel interfaces.

mod support;

cases!(compat_wrappers; timers, caps, llite;
    pending line_at_80 = "engine: a replacement whose first line would end exactly at column \
        80 (after a comma) is broken one argument earlier by spatch, and its continuation \
        aligned with spaces after the tabs");

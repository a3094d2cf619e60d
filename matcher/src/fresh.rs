//! Names of fresh identifiers (`fresh identifier x = "tmp";`, `= "dev_" ## y`), chosen once
//! per match and bound in its environment, so that every use in the added code, and every
//! later rule inheriting the name, sees the same one.
//!
//! A seed of strings only gets a number after it, increasing with each name made, so that
//! two matches (or two rules) never make the same name: `v0`, `v1`. spatch counts over its
//! whole run; rcocci counts per file (restarted by [`start_file`]), which gives the same
//! names for one file and keeps them the same whatever order files are processed in.

use crate::env::{Binding, Env};
use crate::pattern::Pattern;
use smpl_parser::{FreshSeed, MetavarKind, SeedPart};
use std::cell::Cell;

thread_local! {
    static NEXT_NUMBER: Cell<usize> = const { Cell::new(0) };
}

/// Restarts the numbering of string-seeded fresh names: called before each file.
pub fn start_file() {
    NEXT_NUMBER.with(|n| n.set(0));
}

fn next_number() -> usize {
    NEXT_NUMBER.with(|n| {
        let v = n.get();
        n.set(v + 1);
        v
    })
}

/// Binds the rule's fresh identifiers in a match's environment. Script seeds are left to
/// the script runner; a seed naming an unbound metavariable keeps that name's text.
pub(crate) fn bind_fresh(pat: &Pattern, env: &mut Env) {
    for (mv, decl) in pat.metavars.iter().enumerate() {
        let MetavarKind::FreshIdentifier(seed) = &decl.kind else {
            continue;
        };
        if env.binding(mv).is_some() {
            continue;
        }
        let name = match seed {
            None => decl.name.name.clone(),
            Some(FreshSeed::Concat(parts)) => name_from_parts(pat, parts, env),
            Some(FreshSeed::Script(_)) => continue,
        };
        env.bind(
            mv,
            Binding {
                text: name.clone(),
                normalized: name,
                range: 0..0,
            },
        );
    }
}

fn name_from_parts(pat: &Pattern, parts: &[SeedPart], env: &Env) -> String {
    let only_strings = parts.iter().all(|p| matches!(p, SeedPart::Str(_)));
    let mut out = String::new();
    for part in parts {
        match part {
            SeedPart::Str(s) => out.push_str(s),
            SeedPart::Meta(name) => {
                // `r.x` is the inherited one; a bare `x` is whichever this rule can use as `x`.
                let bound = pat
                    .metavars
                    .iter()
                    .position(|m| {
                        m.name.name == name.name
                            && m.kind.is_metavariable()
                            && (name.rule.is_none() || m.name.rule == name.rule)
                    })
                    .and_then(|m| env.binding(m));
                match bound {
                    Some(b) => out.push_str(&b.text),
                    None => out.push_str(&name.name),
                }
            }
        }
    }
    if only_strings {
        out.push_str(&next_number().to_string());
    }
    out
}

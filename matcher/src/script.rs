//! Script constraints (`x : script:python(y) { ... }`) and fresh identifiers named by a
//! script (`fresh identifier n = script:python(x) { ... }`): the matcher asks whoever runs
//! the rule file's scripts, through [`ScriptCallbacks`], and knows nothing of interpreters.
//!
//! A constraint is checked while matching as soon as the metavariable and all its
//! parameters are bound, and once more on each complete match (positions are bound only
//! then; a parameter bound later than the metavariable is seen then too).

use crate::env::{Binding, Env};
use crate::search::Match;
use smpl_parser::{Constraint, FreshSeed, MetaName, MetavarDecl, MetavarKind, ScriptConstraint};
use std::borrow::Cow;

/// One argument of a script call: a metavariable's local name in the script and its value.
pub struct ScriptArg<'a> {
    pub name: &'a str,
    /// `None` for a parameter the rule does not declare (inherited only for the script).
    pub kind: Option<&'a MetavarKind>,
    pub binding: Cow<'a, Binding>,
}

/// Runs script code for the matcher. Implementations report script failures themselves
/// (the matcher only sees the answer).
pub trait ScriptCallbacks: Sync {
    /// Whether the script constraint holds for these arguments (the constrained
    /// metavariable first).
    fn constraint_holds(&self, constraint: &ScriptConstraint, args: &[ScriptArg<'_>]) -> bool;

    /// The name a script gives a fresh identifier; `None` when the script failed.
    fn fresh_name(&self, seed: &ScriptConstraint, args: &[ScriptArg<'_>]) -> Option<String>;

    /// The value of a script parameter `rule.name` that the rule itself does not declare
    /// (`script:python(r.j)`): the binding of an earlier rule's match.
    fn inherited(&self, _param: &MetaName) -> Option<Binding> {
        None
    }
}

/// The metavariable of `metavars` a script parameter names (`r.e` or `e`).
fn param_index(metavars: &[MetavarDecl], param: &MetaName) -> Option<usize> {
    metavars.iter().position(|m| m.name == *param).or_else(|| {
        param.rule.is_none().then(|| {
            metavars
                .iter()
                .position(|m| m.name.name == param.name && m.kind.is_metavariable())
        })?
    })
}

/// The arguments of a script call: `first` (if any) then each parameter; `None` when a
/// parameter is not bound (yet).
fn arguments<'a>(
    scripts: &dyn ScriptCallbacks,
    metavars: &'a [MetavarDecl],
    first: Option<(usize, &'a Binding)>,
    params: &'a [MetaName],
    env: &'a Env,
) -> Option<Vec<ScriptArg<'a>>> {
    let mut args = Vec::new();
    if let Some((mv, b)) = first {
        args.push(ScriptArg {
            name: &metavars[mv].name.name,
            kind: Some(&metavars[mv].kind),
            binding: Cow::Borrowed(b),
        });
    }
    for p in params {
        let Some(i) = param_index(metavars, p) else {
            p.rule.as_ref()?;
            args.push(ScriptArg {
                name: &p.name,
                kind: None,
                binding: Cow::Owned(scripts.inherited(p)?),
            });
            continue;
        };
        if first.is_some_and(|(mv, _)| mv == i) {
            continue;
        }
        args.push(ScriptArg {
            name: &metavars[i].name.name,
            kind: Some(&metavars[i].kind),
            binding: Cow::Borrowed(env.binding(i)?),
        });
    }
    Some(args)
}

/// Whether the script constraints of `mv` hold for `b`; a constraint whose parameters are
/// not all bound yet holds for now.
pub(crate) fn script_constraints_hold(
    scripts: Option<&dyn ScriptCallbacks>,
    metavars: &[MetavarDecl],
    mv: usize,
    b: &Binding,
    env: &Env,
) -> bool {
    let Some(scripts) = scripts else {
        return true;
    };
    metavars[mv].constraints.iter().all(|c| match c {
        Constraint::Script(sc) => {
            match arguments(scripts, metavars, Some((mv, b)), &sc.params, env) {
                Some(args) => scripts.constraint_holds(sc, &args),
                None => true,
            }
        }
        _ => true,
    })
}

/// A complete match with every script constraint checked and every script-named fresh
/// identifier bound to its name; `None` when a constraint fails or a name cannot be made.
pub(crate) fn finish_match(
    scripts: Option<&dyn ScriptCallbacks>,
    metavars: &[MetavarDecl],
    mut mt: Match,
) -> Option<Match> {
    let Some(scripts) = scripts else {
        return Some(mt);
    };
    for (mv, _) in metavars.iter().enumerate() {
        let Some(b) = mt.env.binding(mv) else {
            continue;
        };
        if !script_constraints_hold(Some(scripts), metavars, mv, b, &mt.env) {
            return None;
        }
    }
    for (mv, decl) in metavars.iter().enumerate() {
        let MetavarKind::FreshIdentifier(Some(FreshSeed::Script(seed))) = &decl.kind else {
            continue;
        };
        if !name_fresh(scripts, metavars, mv, seed, &[], &mut mt.env) {
            return None;
        }
    }
    Some(mt)
}

/// Binds the script-named fresh identifier `mv` in `env` (whose enclosing environments
/// hold `outer`), or, when its parameters are bound only inside a nest, in each occurrence
/// of the nest that binds them. `false` when a script gave no name.
fn name_fresh(
    scripts: &dyn ScriptCallbacks,
    metavars: &[MetavarDecl],
    mv: usize,
    seed: &ScriptConstraint,
    outer: &[(usize, Binding)],
    env: &mut Env,
) -> bool {
    let mut whole = Env {
        bindings: outer.to_vec(),
        ..Env::default()
    };
    whole.bindings.extend(env.bindings.iter().cloned());
    if let Some(args) = arguments(scripts, metavars, None, &seed.params, &whole) {
        let Some(name) = scripts.fresh_name(seed, &args) else {
            return false;
        };
        let b = Binding {
            text: name.clone(),
            normalized: name,
            range: 0..0,
        };
        return env.bind(mv, b);
    }
    env.nested
        .iter_mut()
        .all(|sub| name_fresh(scripts, metavars, mv, seed, &whole.bindings, sub))
}

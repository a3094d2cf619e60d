//! What a metavariable's binding must satisfy: the types a typed metavariable names (with
//! typedefs resolved and type metavariables bound inside them) and the constraints of its
//! declaration (`=~`, `!=`, sets, values naming other rules' metavariables, scripts).

use crate::env::{Binding, Env};
use crate::node::Matcher;
use c_parser::SyntaxElement;
use smpl_parser::{Constraint, MetavarKind};

impl Matcher<'_> {
    /// Whether a C expression has one of the declared types; metavariables named in the
    /// types (`struct str *e` with `identifier str`) are bound to what they stand for.
    pub(crate) fn type_ok(&self, types: &[String], c: &SyntaxElement, env: &mut Env) -> bool {
        if types.is_empty() {
            return true;
        }
        let Some(t) = self.types.type_of(c) else {
            return false;
        };
        // As written first; then with typedef names standing for their types (`foo_t` is
        // `struct foo`), so that a type bound through one spelling accepts the other.
        for resolve in [false, true] {
            for want in types {
                if self.type_matches(want, &t, resolve, env) {
                    return true;
                }
            }
        }
        false
    }

    fn type_matches(&self, want: &str, have: &str, resolve: bool, env: &mut Env) -> bool {
        // A wanted `const` must be there; otherwise qualifiers do not matter.
        let normalize = if want.split_whitespace().any(|w| w == "const") {
            crate::types::normalize_type_qualified
        } else {
            crate::types::normalize_type
        };
        let spell = |t: &str| {
            if resolve {
                self.types.resolve_typedefs(&normalize(t))
            } else {
                normalize(t)
            }
        };
        let have_norm = spell(have);
        let have: Vec<&str> = have_norm.split(' ').filter(|w| !w.is_empty()).collect();
        let want_norm = spell(want);
        let want: Vec<&str> = want_norm.split(' ').filter(|w| !w.is_empty()).collect();
        // `expression *E`: any pointer.
        if want.first() == Some(&"*") {
            let n = want.len();
            return have.len() > n && have[have.len() - n..] == want[..];
        }
        let mut trial = env.clone();
        if self.type_words(&want, &have, &mut trial) {
            *env = trial;
            return true;
        }
        false
    }

    fn type_words(&self, want: &[&str], have: &[&str], env: &mut Env) -> bool {
        let Some((w, wrest)) = want.split_first() else {
            return have.is_empty();
        };
        let mv = self.pat.metavars.iter().position(|m| {
            // `rule1.T` in a type names another rule's type metavariable.
            let named = match w.split_once('.') {
                Some((rule, name)) => m.name.name == name && m.name.rule.as_deref() == Some(rule),
                None => m.name.name == *w,
            };
            named && m.kind.is_metavariable()
        });
        match mv {
            // An inherited type its parent never bound (a parent that did not match) is no
            // type at all.
            Some(mv) if self.pat.metavars[mv].is_inherited() && env.binding(mv).is_none() => false,
            Some(mv) => {
                let max = if matches!(self.pat.kind(mv), MetavarKind::Type) {
                    have.len()
                } else {
                    have.len().min(1)
                };
                for n in 1..=max {
                    let text = have[..n].join(" ");
                    let mut trial = env.clone();
                    let b = Binding {
                        text: text.clone(),
                        normalized: text,
                        range: 0..0,
                    };
                    if self.constraints_hold(mv, &b, env)
                        && trial.bind(mv, b)
                        && self.type_words(wrest, &have[n..], &mut trial)
                    {
                        *env = trial;
                        return true;
                    }
                }
                false
            }
            // `expression struct *e`: a `struct`, `union` or `enum` without its tag stands
            // for any of them.
            None if is_tag_keyword(w) && !wrest.first().is_some_and(|t| is_tag_name(t)) => {
                have.first() == Some(w)
                    && have.get(1).is_some_and(|t| is_tag_name(t))
                    && self.type_words(wrest, &have[2..], env)
            }
            None => have.first() == Some(w) && self.type_words(wrest, &have[1..], env),
        }
    }

    pub(crate) fn constraints_hold(&self, mv: usize, b: &Binding, env: &Env) -> bool {
        let value_of = |v: &str| self.inherited_value(v, env);
        self.pat.metavars[mv].constraints.iter().all(|c| match c {
            Constraint::SubTermOf(values) => self.sub_term_of_any(b, values, env),
            c => constraint_holds(c, b, &value_of),
        }) && crate::script::script_constraints_hold(self.scripts, self.pat.metavars, mv, b, env)
    }

    /// `E <= F` / `E <= {F, G}`: the binding is a sub-term of (or equal to) the value of one
    /// of the named metavariables. A metavariable of this rule not bound yet constrains
    /// nothing.
    fn sub_term_of_any(&self, b: &Binding, values: &[String], env: &Env) -> bool {
        values.iter().any(|name| {
            let whole = match self.inherited_value(name, env) {
                Some(bound) => bound,
                None => {
                    let own = self
                        .pat
                        .metavars
                        .iter()
                        .position(|m| m.name.to_string() == *name);
                    match own.map(|mv| env.binding(mv)) {
                        Some(Some(bound)) => Some(bound.normalized.clone()),
                        Some(None) => return true,
                        None => None,
                    }
                }
            };
            whole.is_some_and(|whole| crate::syntax::is_sub_term(&b.normalized, &whole))
        })
    }

    /// A constraint value naming another rule's metavariables (`type T = {r1.T, r2.T}`,
    /// `r.T *`): `Some` of the value with their bindings in place (`None` inside when a
    /// rule bound nothing); `None` for a value that is only code.
    pub(crate) fn inherited_value(&self, value: &str, env: &Env) -> Option<Option<String>> {
        if !value.contains('.') {
            return None;
        }
        let mut named = false;
        let mut words = Vec::new();
        for w in value.split(' ') {
            let mv = self
                .pat
                .metavars
                .iter()
                .position(|m| m.is_inherited() && m.name.to_string() == w);
            match mv {
                Some(mv) => {
                    named = true;
                    match env.binding(mv) {
                        Some(b) => words.push(b.normalized.clone()),
                        None => return Some(None),
                    }
                }
                None => words.push(w.to_string()),
            }
        }
        named.then(|| Some(words.join(" ")))
    }
}

fn squash(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

pub(crate) fn constraint_holds(
    c: &Constraint,
    b: &Binding,
    value_of: &dyn Fn(&str) -> Option<Option<String>>,
) -> bool {
    match c {
        Constraint::Compare { negated, values } => {
            let v = squash(&b.normalized);
            let found = values.iter().any(|x| match value_of(x) {
                Some(bound) => bound.is_some_and(|bound| squash(&bound) == v),
                None => squash(x) == v,
            });
            found != *negated
        }
        Constraint::Regex { negated, regex, .. } => {
            crate::regex::is_match(regex, &b.text) != *negated
        }
        Constraint::Any(cs) => cs.iter().any(|c| constraint_holds(c, b, value_of)),
        _ => true,
    }
}

fn is_tag_keyword(word: &str) -> bool {
    matches!(word, "struct" | "union" | "enum")
}

/// Whether a word of a type's spelling can be a `struct`/`union`/`enum` tag (or a
/// metavariable standing for one), rather than the `*` or `[]` after the type.
fn is_tag_name(word: &str) -> bool {
    word.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
}

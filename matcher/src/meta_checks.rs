//! What a metavariable's binding must satisfy: the types a typed metavariable names (with
//! typedefs resolved and type metavariables bound inside them) and the constraints of its
//! declaration (`=~`, `!=`, sets, values naming other rules' metavariables, scripts).

use crate::env::{Binding, Env};
use crate::node::Matcher;
use c_parser::SyntaxElement;
use smpl_parser::{Constraint, MetavarDecl, MetavarKind};

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
        self.type_is_one_of(types, &t, env)
    }

    /// Whether the C type `t` is one of the declared types.
    fn type_is_one_of(&self, types: &[String], t: &str, env: &mut Env) -> bool {
        // As written first; then with typedef names standing for their types (`foo_t` is
        // `struct foo`), so that a type bound through one spelling accepts the other.
        for resolve in [false, true] {
            for want in types {
                if self.type_matches(want, t, resolve, env) {
                    return true;
                }
            }
        }
        false
    }

    /// Whether metavariable `mv`'s declared type (`bool b`, `T[] E`) accepts a variable
    /// declared with type `declared` (None: a type the file does not tell), as when the
    /// variable's declaration is matched for an assignment to it.
    pub(crate) fn declared_type_ok(
        &self,
        mv: usize,
        declared: Option<&str>,
        env: &mut Env,
    ) -> bool {
        let (types, array): (&[String], bool) = match self.pat.kind(mv) {
            MetavarKind::Expression { types, array } => (types, *array),
            MetavarKind::IdExpression { types, .. } | MetavarKind::Constant { types } => {
                (types, false)
            }
            _ => (&[], false),
        };
        if types.is_empty() && !array {
            return true;
        }
        let Some(t) = declared else {
            return false;
        };
        if !array {
            return self.type_is_one_of(types, t, env);
        }
        if types.is_empty() {
            return crate::types::normalize_type(t).ends_with("[]");
        }
        let wanted: Vec<String> = types.iter().map(|w| format!("{w} []")).collect();
        self.type_is_one_of(&wanted, t, env)
    }

    fn type_matches(&self, want: &str, have: &str, resolve: bool, env: &mut Env) -> bool {
        // A wanted `const` must be there, and a type already bound is that type exactly;
        // otherwise qualifiers do not matter.
        let names_bound_type = want.split_whitespace().any(|w| {
            self.pat.metavars.iter().enumerate().any(|(i, m)| {
                m.name.name == w && matches!(m.kind, MetavarKind::Type) && env.binding(i).is_some()
            })
        });
        let normalize = if names_bound_type || want.split_whitespace().any(|w| w == "const") {
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
        let want_words = crate::types::type_words(&spell(want), false);
        let want: Vec<&str> = want_words.iter().map(String::as_str).collect();
        // A wanted pointer (`T *`) may be a pointer to a function; a whole type (`T`) is
        // the function pointer as spelled.
        let have_words = crate::types::type_words(&spell(have), want.last() == Some(&"*"));
        let have: Vec<&str> = have_words.iter().map(String::as_str).collect();
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
        let value_of = |v: &str| self.constraint_value(v, env);
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

    /// What a constraint's value stands for: code, another rule's binding, or the shape of
    /// a type built around another rule's type metavariable.
    pub(crate) fn constraint_value(&self, value: &str, env: &Env) -> ConstraintValue {
        if let Some(shape) = self.type_shape(value, env) {
            return ConstraintValue::TypeShape(shape);
        }
        match self.inherited_value(value, env) {
            Some(bound) => ConstraintValue::Bound(bound),
            None => ConstraintValue::Code,
        }
    }

    /// `type T = r.T *;`: a type built around another rule's type metavariable is a shape,
    /// where that metavariable stands for any type, whatever `r` bound (spatch 1.1.1 accepts
    /// `bool **` and `int *` alike after `r` bound `T` to `int`). A type metavariable of this
    /// rule (`type P != {T *}`) is a hole too while unbound, its type once bound. `None` for
    /// a value that is not such a compound.
    fn type_shape(&self, value: &str, env: &Env) -> Option<Vec<Option<String>>> {
        let words = star_separated_words(value);
        if words.len() < 2 {
            return None;
        }
        let type_metavar = |w: &str| {
            self.pat.metavars.iter().position(|m| {
                matches!(m.kind, MetavarKind::Type)
                    && m.name.to_string() == w
                    && (m.is_inherited() || m.name.rule.is_none())
            })
        };
        let mut shape: Vec<Option<String>> = Vec::new();
        for w in &words {
            match type_metavar(w) {
                Some(mv) if !self.pat.metavars[mv].is_inherited() => match env.binding(mv) {
                    Some(b) => {
                        shape.extend(star_separated_words(&b.normalized).into_iter().map(Some))
                    }
                    None => shape.push(None),
                },
                Some(_) => shape.push(None),
                None => shape.push(Some(w.clone())),
            }
        }
        (words.iter().any(|w| type_metavar(w).is_some())).then_some(shape)
    }

    /// A constraint value naming another rule's metavariables (`type T = {r1.T, r2.T}`,
    /// `r.T *`): `Some` of the value with their bindings in place (`None` inside when a
    /// rule bound nothing); `None` for a value that is only code.
    pub(crate) fn inherited_value(&self, value: &str, env: &Env) -> Option<Option<String>> {
        inherited_value(self.pat.metavars, value, &|mv| env.binding(mv))
    }
}

/// What a constraint value stands for ([`Matcher::constraint_value`]).
pub(crate) enum ConstraintValue {
    /// Code, compared as written.
    Code,
    /// The value with other rules' bindings in place; `None` when a rule bound nothing.
    Bound(Option<String>),
    /// Type words, `None` standing for any type (one or more words).
    TypeShape(Vec<Option<String>>),
}

/// Whether type words fit a shape whose holes take one or more words each.
fn fits_shape(shape: &[Option<String>], words: &[&str]) -> bool {
    match shape.split_first() {
        None => words.is_empty(),
        Some((Some(w), rest)) => {
            words.first() == Some(&w.as_str()) && fits_shape(rest, &words[1..])
        }
        Some((None, rest)) => (1..=words.len()).any(|n| fits_shape(rest, &words[n..])),
    }
}

/// A type's words with each `*` a word of its own (`bool **` is `bool`, `*`, `*`).
fn star_separated_words(t: &str) -> Vec<String> {
    crate::types::normalize_type(t)
        .split(' ')
        .flat_map(|w| match w.strip_prefix('*') {
            Some(_) if w.chars().all(|c| c == '*') => vec!["*".to_string(); w.len()],
            _ => vec![w.to_string()],
        })
        .filter(|w| !w.is_empty())
        .collect()
}

fn squash(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

pub(crate) fn constraint_holds(
    c: &Constraint,
    b: &Binding,
    value_of: &dyn Fn(&str) -> ConstraintValue,
) -> bool {
    match c {
        Constraint::Compare { negated, values } => {
            let v = squash(&b.normalized);
            let found = values.iter().any(|x| match value_of(x) {
                ConstraintValue::Bound(bound) => bound.is_some_and(|bound| squash(&bound) == v),
                ConstraintValue::Code => squash(x) == v,
                ConstraintValue::TypeShape(shape) => {
                    let words = star_separated_words(&b.normalized);
                    let words: Vec<&str> = words.iter().map(String::as_str).collect();
                    fits_shape(&shape, &words)
                }
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

/// `value` with each inherited metavariable (`r.x`) it names replaced by what `binding_of`
/// gives for it: `None` when it names none, `Some(None)` when one is unbound.
pub(crate) fn inherited_value<'b>(
    metavars: &[MetavarDecl],
    value: &str,
    binding_of: &dyn Fn(usize) -> Option<&'b Binding>,
) -> Option<Option<String>> {
    if !value.contains('.') {
        return None;
    }
    let mut named = false;
    let mut words = Vec::new();
    for w in value.split(' ') {
        let mv = metavars
            .iter()
            .position(|m| m.is_inherited() && m.name.to_string() == w);
        match mv {
            Some(mv) => {
                named = true;
                match binding_of(mv) {
                    Some(b) => words.push(b.normalized.clone()),
                    None => return Some(None),
                }
            }
            None => words.push(w.to_string()),
        }
    }
    named.then(|| Some(words.join(" ")))
}

//! Type metavariables against C type specifiers: a bound type and a typedef name of it,
//! type words beside other specifiers (`unsigned T`), and the type of a declaration whose
//! storage and attributes the pattern leaves out.

use crate::env::{Binding, Env};
use crate::node::{Matcher, K};
use crate::syntax::{normalized_text, sig_children, sig_range};
use c_parser::{SyntaxElement, SyntaxKind, SyntaxNode};
use smpl_parser::MetavarKind;

/// Words that together name one arithmetic type (`long long int`).
fn is_type_word(el: &SyntaxElement) -> bool {
    matches!(
        el.kind(),
        SyntaxKind::CHAR_KW
            | SyntaxKind::SHORT_KW
            | SyntaxKind::INT_KW
            | SyntaxKind::LONG_KW
            | SyntaxKind::FLOAT_KW
            | SyntaxKind::DOUBLE_KW
            | SyntaxKind::SIGNED_KW
            | SyntaxKind::UNSIGNED_KW
    ) && el.as_token().is_some()
}

impl<'a> Matcher<'a> {
    /// A type metavariable already bound to `struct foo` is the same type where C writes
    /// a typedef name of it (`foo_t`): the new binding then takes the bound spelling. (Not
    /// the other way round: bound to `foo_t`, it does not match `struct foo` itself.)
    pub(crate) fn same_type_as_bound(&self, mv: usize, b: &mut Binding, env: &Env) {
        let Some(old) = env.binding(mv) else {
            return;
        };
        let resolved = self.types.resolve_typedefs(&b.normalized);
        if old.normalized != b.normalized
            && resolved != b.normalized
            && resolved == self.types.resolve_typedefs(&old.normalized)
        {
            b.normalized = old.normalized.clone();
        }
    }

    /// Specifiers in which a type metavariable stands beside other words (`unsigned T`,
    /// `const T`): the metavariable takes a run of C type words (`long long int`).
    pub(crate) fn m_spec_words(
        &self,
        ps: &[SyntaxElement],
        cs: &[SyntaxElement],
        env: Env,
        k: K,
    ) -> bool {
        let Some((p0, prest)) = ps.split_first() else {
            return cs.is_empty() && k(env);
        };
        let type_mv = self
            .pat
            .single_metavar(p0)
            .filter(|(_, mv)| matches!(self.pat.kind(*mv), MetavarKind::Type));
        let Some((tok, mv)) = type_mv else {
            let Some((c0, crest)) = cs.split_first() else {
                return false;
            };
            return self.m_el(p0, c0, env, &mut |e| self.m_spec_words(prest, crest, e, k));
        };
        for n in 1..=cs.len() {
            if n > 1 && !(is_type_word(&cs[0]) && is_type_word(&cs[n - 1])) {
                break;
            }
            let range = sig_range(&cs[0]).start..sig_range(&cs[n - 1]).end;
            let b = Binding {
                text: self.text.get(range.clone()).unwrap_or("").to_string(),
                normalized: cs[..n]
                    .iter()
                    .map(normalized_text)
                    .collect::<Vec<_>>()
                    .join(" "),
                range: range.clone(),
            };
            let mut env = env.clone();
            if !self.constraints_hold(mv, &b, &env) || !env.bind(mv, b) {
                continue;
            }
            if let Some(i) = self.pat.token_index(&tok) {
                env.map_token(i, range);
            }
            if self.m_spec_words(prest, &cs[n..], env, k) {
                return true;
            }
        }
        false
    }
}

impl<'a> Matcher<'a> {
    /// `T { fields }` against `struct foo { ... }`: T is the named struct (`struct foo`), the
    /// fields are matched on their own. Other specifiers before T (`typedef`) match in turn.
    pub(crate) fn m_struct_head(
        &self,
        ps: &[SyntaxElement],
        cs: &[SyntaxElement],
        env: Env,
        k: K,
    ) -> bool {
        let (Some(pfields), Some(cspec)) = (ps.last(), cs.last()) else {
            return false;
        };
        if pfields.kind() != SyntaxKind::FIELD_LIST
            || !matches!(
                cspec.kind(),
                SyntaxKind::STRUCT_SPEC | SyntaxKind::UNION_SPEC
            )
            || ps.len() < 2
            || ps.len() != cs.len() + 1
        {
            return false;
        }
        let Some((tok, mv)) = self
            .pat
            .single_metavar(&ps[ps.len() - 2])
            .filter(|(_, mv)| matches!(self.pat.kind(*mv), MetavarKind::Type))
        else {
            return false;
        };
        let Some(spec) = cspec.as_node() else {
            return false;
        };
        let kids = sig_children(spec);
        let Some(at) = kids.iter().position(|e| e.kind() == SyntaxKind::FIELD_LIST) else {
            return false;
        };
        let b = if at < 2 {
            // An anonymous structure is known by the name a typedef gives it.
            let Some(name) = typedef_name_of(spec) else {
                return false;
            };
            let range = sig_range(&name);
            Binding {
                text: self.text.get(range.clone()).unwrap_or("").to_string(),
                normalized: normalized_text(&name),
                range,
            }
        } else {
            let head = &kids[..at];
            let range = sig_range(&head[0]).start..sig_range(&head[at - 1]).end;
            Binding {
                text: self.text.get(range.clone()).unwrap_or("").to_string(),
                normalized: head
                    .iter()
                    .map(normalized_text)
                    .collect::<Vec<_>>()
                    .join(" "),
                range,
            }
        };
        let range = b.range.clone();
        let mut env = env;
        if !self.constraints_hold(mv, &b, &env) || !env.bind(mv, b) {
            return false;
        }
        if let Some(i) = self.pat.token_index(&tok) {
            env.map_token(i, range);
        }
        let prefix: Vec<crate::node::Item> = ps[..ps.len() - 2]
            .iter()
            .cloned()
            .map(crate::node::Item::El)
            .collect();
        let cfields = kids[at].clone();
        let start = sig_range(cspec).start;
        self.m_seq(&prefix, &cs[..cs.len() - 1], start, false, env, &mut |e| {
            self.m_el(pfields, &cfields, e, k)
        })
    }
}

/// `typedef struct { ... } name;`: the name (as a NAME node) of the structure specifier's
/// typedef, when it declares exactly one plain name.
fn typedef_name_of(spec: &SyntaxNode) -> Option<SyntaxElement> {
    let specs = spec.parent()?;
    let decl = specs.parent()?;
    let is_typedef = sig_children(&specs)
        .iter()
        .any(|e| e.kind() == SyntaxKind::TYPEDEF_KW);
    let declarators: Vec<SyntaxNode> = decl
        .children()
        .filter(|c| c.kind() != SyntaxKind::DECL_SPECS)
        .collect();
    let [one] = declarators.as_slice() else {
        return None;
    };
    let name = match one.kind() {
        SyntaxKind::NAME => one.clone(),
        SyntaxKind::INIT_DECLARATOR => match sig_children(one).as_slice() {
            [SyntaxElement::Node(n)] if n.kind() == SyntaxKind::NAME => n.clone(),
            _ => return None,
        },
        _ => return None,
    };
    is_typedef.then_some(SyntaxElement::Node(name))
}

/// Specifiers that are not part of a type: storage classes, `inline`, attributes.
fn is_storage_or_attribute(el: &SyntaxElement) -> bool {
    matches!(
        el.kind(),
        SyntaxKind::STATIC_KW
            | SyntaxKind::EXTERN_KW
            | SyntaxKind::INLINE_KW
            | SyntaxKind::REGISTER_KW
            | SyntaxKind::AUTO_KW
            | SyntaxKind::TYPEDEF_KW
            | SyntaxKind::ATTRIBUTE
    )
}

/// What a type metavariable takes of declaration specifiers (`static nokprobe_inline bool`
/// gives `bool`): the range and normalized text of the type, and the ranges of the
/// specifiers left out before it. None when there is nothing to leave out.
pub(crate) fn type_part(
    specs: &SyntaxElement,
) -> Option<(std::ops::Range<usize>, String, Vec<std::ops::Range<usize>>)> {
    let node = specs.as_node()?;
    let kids = sig_children(node);
    // Only those before the type: an attribute after it (`int __nocast`) goes with it.
    let first = kids.iter().position(|e| !is_storage_or_attribute(e))?;
    if first == 0 {
        return None;
    }
    let last = kids.len() - 1;
    let range = sig_range(&kids[first]).start..sig_range(&kids[last]).end;
    let normalized = kids[first..=last]
        .iter()
        .map(normalized_text)
        .collect::<Vec<_>>()
        .join(" ");
    let left_out = kids[..first].iter().map(sig_range).collect();
    Some((range, normalized, left_out))
}

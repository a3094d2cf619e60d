//! Comma-separated lists (arguments, parameters, initializers, enumerators): matched
//! element by element, each comma going with the element before it, with `...` and list
//! metavariables taking any number of elements and designated initializers in any order.

use crate::env::{Binding, Env};
use crate::node::{end_of, start_of, Matcher, K};
use crate::syntax::{sig_children, sig_range, tokens_equal};
use c_parser::{SyntaxElement, SyntaxKind, SyntaxNode, SyntaxToken};

/// `...` in a list takes any number of elements. A nest (`f(<+... x ...+>)`) is not list
/// dots: it is one expression, the argument it occurs in, as in spatch.
fn is_dots(el: &SyntaxElement) -> bool {
    matches!(el.kind(), SyntaxKind::DOTS | SyntaxKind::DOTS_NODE)
}

impl<'a> Matcher<'a> {
    /// A comma-separated list (arguments, parameters, initializers, enumerators).
    pub(crate) fn m_list(&self, pn: &SyntaxNode, cn: &SyntaxNode, env: Env, k: K) -> bool {
        let (popen, pelems, pclose) = split_list(pn);
        let (copen, celems, cclose) = split_list(cn);
        let mut env = env;
        match (&popen, &copen) {
            (Some(p), Some(c)) => {
                if !tokens_equal(p, c) {
                    return false;
                }
                if let Some(i) = self.pat.token_index(p) {
                    env.map_token(i, sig_range(&SyntaxElement::Token(c.clone())));
                }
            }
            (None, None) => {}
            _ => return false,
        }
        match (&pclose, &cclose) {
            (Some(p), Some(c)) => {
                if !tokens_equal(p, c) {
                    return false;
                }
                if let Some(i) = self.pat.token_index(p) {
                    env.map_token(i, sig_range(&SyntaxElement::Token(c.clone())));
                }
            }
            (None, None) => {}
            _ => return false,
        }
        let end = cclose
            .as_ref()
            .map_or(usize::from(cn.text_range().end()), |t| {
                usize::from(t.text_range().start())
            });
        let start = copen
            .as_ref()
            .map_or(usize::from(cn.text_range().start()), |t| {
                usize::from(t.text_range().end())
            });
        if pn.kind() == SyntaxKind::INITIALIZER_LIST
            && pelems
                .iter()
                .all(|e| e.el.kind() == SyntaxKind::DESIGNATED_INIT)
            && celems
                .iter()
                .any(|e| e.el.kind() == SyntaxKind::DESIGNATED_INIT)
        {
            return self.m_fields(&pelems, &celems, env, k);
        }
        self.explain_list_lengths(pclose.as_ref(), &pelems, &celems, end);
        self.m_elems(&pelems, &celems, start, end, env, k)
    }

    /// Designated initializers: each pattern field matches some C field, in any order; the
    /// C list may set other fields too.
    fn m_fields(&self, ps: &[ListElem], cs: &[ListElem], env: Env, k: K) -> bool {
        let Some((p0, rest)) = ps.split_first() else {
            return k(env);
        };
        for c in cs {
            let found = self.m_el(&p0.el, &c.el, env.clone(), &mut |mut e| {
                self.map_comma(p0, c, &mut e);
                self.m_fields(rest, cs, e, k)
            });
            if found {
                return true;
            }
        }
        false
    }

    fn m_elems(
        &self,
        ps: &[ListElem],
        cs: &[ListElem],
        pos: usize,
        list_end: usize,
        env: Env,
        k: K,
    ) -> bool {
        let Some((p0, prest)) = ps.split_first() else {
            return cs.is_empty() && k(env);
        };
        let list_mv = self
            .pat
            .single_metavar(&p0.el)
            .filter(|(_, mv)| self.pat.is_list_metavar(*mv));
        if is_dots(&p0.el) || list_mv.is_some() {
            for n in 0..=cs.len() {
                let mut env = env.clone();
                let range = if n == 0 {
                    let at = cs.first().map_or(list_end, |c| start_of(&c.el));
                    at..at
                } else {
                    start_of(&cs[0].el)..end_of(&cs[n - 1].el)
                };
                let els: Vec<SyntaxElement> = cs[..n].iter().map(|c| c.el.clone()).collect();
                match &list_mv {
                    Some((tok, mv)) => {
                        if !self.bind_range(tok, *mv, range.clone(), &els, &mut env) {
                            continue;
                        }
                    }
                    None => {
                        // Dots that end the list take the C list's trailing comma along.
                        let mut range = range.clone();
                        if let Some(comma) = cs
                            .last()
                            .and_then(|c| c.comma.as_ref())
                            .filter(|_| n > 0 && n == cs.len() && prest.is_empty())
                            .filter(|_| p0.comma.is_none())
                        {
                            range.end = sig_range(&SyntaxElement::Token(comma.clone())).end;
                        }
                        if let SyntaxElement::Node(d) = &p0.el {
                            self.map_dots(d, range.clone(), &mut env);
                        } else if let SyntaxElement::Token(t) = &p0.el {
                            if let Some(i) = self.pat.token_index(t) {
                                env.map_token(i, range.clone());
                            }
                        }
                    }
                }
                if n > 0 {
                    self.map_comma(p0, &cs[n - 1], &mut env);
                }
                let next = if n == 0 { pos } else { range.end };
                if self.m_elems(prest, &cs[n..], next, list_end, env, k) {
                    return true;
                }
            }
            return false;
        }
        if p0.el.kind() == SyntaxKind::DISJ {
            if let SyntaxElement::Node(d) = &p0.el {
                let (branches, _, _) = self.branches(d);
                // A branch of several arguments is spliced into the list.
                for b in branches {
                    let mut spliced: Vec<ListElem> = split_elems(&b);
                    if let Some(last) = spliced.last_mut() {
                        last.comma = p0.comma.clone();
                    }
                    spliced.extend(prest.iter().cloned());
                    if self.m_elems(&spliced, cs, pos, list_end, env.clone(), k) {
                        return true;
                    }
                }
                return false;
            }
        }
        let Some((c0, crest)) = cs.split_first() else {
            return false;
        };
        let end = end_of(&c0.el);
        self.m_el(&p0.el, &c0.el, env, &mut |mut e| {
            self.map_comma(p0, c0, &mut e);
            self.m_elems(prest, crest, end, list_end, e, k)
        })
    }

    fn map_comma(&self, p: &ListElem, c: &ListElem, env: &mut Env) {
        if let (Some(pc), Some(cc)) = (&p.comma, &c.comma) {
            if let Some(i) = self.pat.token_index(pc) {
                env.map_token(i, sig_range(&SyntaxElement::Token(cc.clone())));
            }
        }
    }
}

/// An element of a comma-separated list and the comma after it.
#[derive(Clone, Debug)]
pub struct ListElem {
    pub el: SyntaxElement,
    pub comma: Option<SyntaxToken>,
}

fn split_elems(children: &[SyntaxElement]) -> Vec<ListElem> {
    let mut elems: Vec<ListElem> = Vec::new();
    for ch in children {
        match ch {
            SyntaxElement::Token(t) if t.kind() == SyntaxKind::COMMA => {
                if let Some(last) = elems.last_mut() {
                    if last.comma.is_none() {
                        last.comma = Some(t.clone());
                        continue;
                    }
                }
            }
            _ => elems.push(ListElem {
                el: ch.clone(),
                comma: None,
            }),
        }
    }
    elems
}

/// A list node's opening bracket, elements and closing bracket.
fn split_list(node: &SyntaxNode) -> (Option<SyntaxToken>, Vec<ListElem>, Option<SyntaxToken>) {
    let mut children = sig_children(node);
    let open = match children.first() {
        Some(SyntaxElement::Token(t))
            if matches!(t.kind(), SyntaxKind::L_PAREN | SyntaxKind::L_BRACE) =>
        {
            let t = t.clone();
            children.remove(0);
            Some(t)
        }
        _ => None,
    };
    let close = match children.last() {
        Some(SyntaxElement::Token(t))
            if matches!(t.kind(), SyntaxKind::R_PAREN | SyntaxKind::R_BRACE) =>
        {
            let t = t.clone();
            children.pop();
            Some(t)
        }
        _ => None,
    };
    (open, split_elems(&children), close)
}

impl Matcher<'_> {
    /// Whether a list of `n` elements has a length the metavariable allows (`list[3]`,
    /// `list[n = {2 ... 6}]`, `list[r.n]` with `r.n` bound), binding a named length to `n`.
    pub(crate) fn bind_list_len(&self, mv: usize, n: usize, env: &mut Env) -> bool {
        let Some(len) = self.pat.kind(mv).list_len() else {
            return true;
        };
        let name = match len {
            smpl_parser::ListLen::Any => return true,
            smpl_parser::ListLen::Fixed(k) => return n as u64 == *k,
            smpl_parser::ListLen::NamedConstrained { name, values } => {
                if !values.iter().any(|v| length_allowed(v, n)) {
                    return false;
                }
                name
            }
            smpl_parser::ListLen::Named(name) => name,
        };
        let Some(length_mv) = self.pat.metavars.iter().position(|m| m.name == *name) else {
            return true;
        };
        let start = env.binding(mv).map_or(0, |b| b.range.start);
        env.bind(
            length_mv,
            Binding {
                text: n.to_string(),
                normalized: n.to_string(),
                range: start..start,
            },
        )
    }
}

/// Whether `n` is among the values of a length constraint: `2` or a range `2 ... 6`.
fn length_allowed(value: &str, n: usize) -> bool {
    let parts: Vec<&str> = value.split("...").map(str::trim).collect();
    match parts.as_slice() {
        [one] => one.parse::<usize>().is_ok_and(|x| x == n),
        [lo, hi] => match (lo.parse::<usize>(), hi.parse::<usize>()) {
            (Ok(lo), Ok(hi)) => lo <= n && n <= hi,
            _ => true,
        },
        _ => true,
    }
}

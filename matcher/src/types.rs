//! Types of simple expressions, from the declarations the file itself makes (locals,
//! parameters, globals, struct fields). Without headers this is all rcocci knows; an
//! expression of unknown type matches only untyped metavariables.

use crate::syntax::{sig_children, sig_tokens};
use c_parser::{SyntaxElement, SyntaxKind, SyntaxNode};
use std::collections::HashMap;

/// Declared names and their types, by scope.
#[derive(Debug, Default)]
pub struct TypeEnv {
    globals: HashMap<String, String>,
    fields: HashMap<String, String>,
    /// Per function (by the byte offset of its body): parameters and locals.
    locals: Vec<(std::ops::Range<usize>, HashMap<String, String>)>,
}

/// Normalises a type's spelling: single spaces, `*` attached as in `struct foo *`.
pub fn normalize_type(t: &str) -> String {
    let mut out = String::new();
    let words: Vec<&str> = t
        .split(|c: char| c.is_whitespace())
        .filter(|w| !w.is_empty())
        .collect();
    for w in words {
        for (i, part) in w.split('*').enumerate() {
            if i > 0 {
                if !out.is_empty() && !out.ends_with('*') {
                    out.push(' ');
                }
                out.push('*');
            }
            if !part.is_empty() {
                if !out.is_empty() {
                    out.push(' ');
                }
                out.push_str(part);
            }
        }
    }
    out.replace("const ", "").replace(" const", "")
}

pub fn same_type(a: &str, b: &str) -> bool {
    normalize_type(a) == normalize_type(b)
}

const STORAGE: &[&str] = &[
    "static",
    "extern",
    "register",
    "auto",
    "inline",
    "__inline",
    "__inline__",
    "typedef",
];

fn specs_text(specs: &SyntaxNode) -> String {
    sig_tokens(&SyntaxElement::Node(specs.clone()))
        .iter()
        .map(|t| t.text().to_string())
        .filter(|w| !STORAGE.contains(&w.as_str()))
        .collect::<Vec<_>>()
        .join(" ")
}

/// The declared name and the type a declarator gives to it (`*` and `[]` applied).
fn declarator(node: &SyntaxNode, base: &str) -> Option<(String, String)> {
    match node.kind() {
        SyntaxKind::NAME => Some((
            sig_tokens(&SyntaxElement::Node(node.clone()))
                .first()?
                .text()
                .to_string(),
            base.to_string(),
        )),
        SyntaxKind::POINTER_DECLARATOR => {
            let inner = node.children().last()?;
            declarator(&inner, &format!("{base} *"))
        }
        SyntaxKind::ARRAY_DECLARATOR => {
            let inner = node.children().next()?;
            declarator(&inner, &format!("{base} []"))
        }
        SyntaxKind::INIT_DECLARATOR | SyntaxKind::PAREN_DECLARATOR | SyntaxKind::BIT_FIELD => {
            let inner = node.children().next()?;
            declarator(&inner, base)
        }
        _ => None,
    }
}

fn declared(node: &SyntaxNode) -> Vec<(String, String)> {
    let Some(specs) = node.children().find(|c| c.kind() == SyntaxKind::DECL_SPECS) else {
        return Vec::new();
    };
    let base = specs_text(&specs);
    node.children()
        .filter(|c| c.kind() != SyntaxKind::DECL_SPECS)
        .filter_map(|d| declarator(&d, &base))
        .collect()
}

impl TypeEnv {
    pub fn collect(root: &SyntaxNode) -> TypeEnv {
        let mut env = TypeEnv::default();
        for node in root.descendants() {
            match node.kind() {
                SyntaxKind::DECLARATION => {
                    let in_function = node
                        .ancestors()
                        .skip(1)
                        .any(|a| a.kind() == SyntaxKind::FUNCTION_DEF);
                    for (name, ty) in declared(&node) {
                        if in_function {
                            env.add_local(&node, name, ty);
                        } else {
                            env.globals.insert(name, ty);
                        }
                    }
                }
                SyntaxKind::PARAM => {
                    for (name, ty) in declared(&node) {
                        env.add_local(&node, name, ty);
                    }
                }
                SyntaxKind::FIELD_DECL => {
                    for (name, ty) in declared(&node) {
                        env.fields.insert(name, ty);
                    }
                }
                _ => {}
            }
        }
        env
    }

    /// This environment with the globals and fields of an enclosing one it does not have
    /// itself: a `#define` body, parsed on its own, sees the file's declarations.
    pub fn within(mut self, outer: &TypeEnv) -> TypeEnv {
        for (name, ty) in &outer.globals {
            self.globals
                .entry(name.clone())
                .or_insert_with(|| ty.clone());
        }
        for (name, ty) in &outer.fields {
            self.fields
                .entry(name.clone())
                .or_insert_with(|| ty.clone());
        }
        self
    }

    fn add_local(&mut self, node: &SyntaxNode, name: String, ty: String) {
        let Some(f) = node
            .ancestors()
            .find(|a| a.kind() == SyntaxKind::FUNCTION_DEF)
        else {
            self.globals.insert(name, ty);
            return;
        };
        let r = usize::from(f.text_range().start())..usize::from(f.text_range().end());
        match self.locals.iter_mut().find(|(fr, _)| *fr == r) {
            Some((_, m)) => {
                m.insert(name, ty);
            }
            None => {
                let mut m = HashMap::new();
                m.insert(name, ty);
                self.locals.push((r, m));
            }
        }
    }

    /// Whether `name` at offset `at` is a parameter or local variable of its function.
    pub fn is_local(&self, name: &str, at: usize) -> bool {
        self.locals
            .iter()
            .any(|(r, m)| r.contains(&at) && m.contains_key(name))
    }

    fn lookup(&self, name: &str, at: usize) -> Option<String> {
        for (r, m) in &self.locals {
            if r.contains(&at) {
                if let Some(t) = m.get(name) {
                    return Some(t.clone());
                }
            }
        }
        self.globals.get(name).cloned()
    }

    /// The type of a C expression, when the file's declarations tell it.
    pub fn type_of(&self, el: &SyntaxElement) -> Option<String> {
        let SyntaxElement::Node(n) = el else {
            return None;
        };
        let kids = sig_children(n);
        match n.kind() {
            SyntaxKind::NAME_REF => {
                let name = sig_tokens(el).first()?.text().to_string();
                if name == "NULL" {
                    return Some("void *".into());
                }
                self.lookup(&name, usize::from(n.text_range().start()))
            }
            SyntaxKind::LITERAL => {
                let t = sig_tokens(el).first()?.clone();
                match t.kind() {
                    SyntaxKind::CHAR_LIT => Some("char".into()),
                    SyntaxKind::INT_NUMBER => {
                        let s = t.text().to_ascii_lowercase();
                        if s.contains('.') || (!s.starts_with("0x") && s.contains('e')) {
                            return Some("double".into());
                        }
                        let suffix: String = s
                            .chars()
                            .rev()
                            .take_while(|c| matches!(c, 'u' | 'l'))
                            .collect();
                        let unsigned = suffix.contains('u');
                        let longs = suffix.matches('l').count();
                        let base = match longs {
                            0 => "int",
                            1 => "long",
                            _ => "long long",
                        };
                        Some(if unsigned {
                            format!("unsigned {base}")
                        } else {
                            base.to_string()
                        })
                    }
                    SyntaxKind::FLOAT_NUMBER => Some("double".into()),
                    _ => None,
                }
            }
            // spatch types a string literal as an array (so `char *E` does not match one).
            SyntaxKind::STRING_EXPR => Some("char []".into()),
            SyntaxKind::PAREN_EXPR => kids.get(1).and_then(|e| self.type_of(e)),
            SyntaxKind::CAST_EXPR => {
                let tn = kids.get(1)?;
                Some(
                    sig_tokens(tn)
                        .iter()
                        .map(|t| t.text().to_string())
                        .collect::<Vec<_>>()
                        .join(" "),
                )
            }
            SyntaxKind::FIELD_EXPR => {
                let field = kids.last()?;
                let name = sig_tokens(field).last()?.text().to_string();
                self.fields.get(&name).cloned()
            }
            SyntaxKind::PREFIX_EXPR => {
                let op = kids.first()?.kind();
                let inner = self.type_of(kids.get(1)?);
                match op {
                    SyntaxKind::STAR => strip_indirection(&normalize_type(&inner?)),
                    SyntaxKind::AMP => Some(format!("{} *", inner?)),
                    SyntaxKind::BANG => Some("int".into()),
                    _ => inner,
                }
            }
            SyntaxKind::INDEX_EXPR => {
                let t = normalize_type(&self.type_of(kids.first()?)?);
                strip_indirection(&t)
            }
            SyntaxKind::POSTFIX_EXPR => self.type_of(kids.first()?),
            SyntaxKind::ASSIGN_EXPR => self.type_of(kids.first()?),
            SyntaxKind::SIZEOF_EXPR => Some("unsigned long".into()),
            SyntaxKind::BIN_EXPR => {
                let op = kids.get(1)?.kind();
                if matches!(
                    op,
                    SyntaxKind::EQ2
                        | SyntaxKind::NEQ
                        | SyntaxKind::LT
                        | SyntaxKind::GT
                        | SyntaxKind::LE
                        | SyntaxKind::GE
                        | SyntaxKind::AMP2
                        | SyntaxKind::PIPE2
                ) {
                    return Some("int".into());
                }
                let a = normalize_type(&self.type_of(kids.first()?)?);
                let b = normalize_type(&self.type_of(kids.get(2)?)?);
                if a == b {
                    return Some(a);
                }
                // Pointer arithmetic keeps the pointer's type; integers convert to the
                // higher rank (the usual arithmetic conversions, roughly).
                match (a.ends_with('*'), b.ends_with('*')) {
                    (true, false) => return Some(a),
                    (false, true) => return Some(b),
                    _ => {}
                }
                let (ra, rb) = (arith_rank(&a)?, arith_rank(&b)?);
                Some(if ra >= rb { a } else { b })
            }
            _ => None,
        }
    }
}

/// The conversion rank of an arithmetic type (None for other types).
fn arith_rank(t: &str) -> Option<u8> {
    let unsigned = t.contains("unsigned");
    let base = if t.contains("double") {
        10
    } else if t.contains("float") {
        9
    } else if t.contains("long long") {
        7
    } else if t.contains("long") {
        6
    } else if t.contains("int") || t == "unsigned" || t == "signed" {
        4
    } else if t.contains("short") {
        3
    } else if t.contains("char") {
        2
    } else {
        return None;
    };
    Some(base * 2 + u8::from(unsigned))
}

/// The type of `*e` or `e[i]` for a pointer or array `e`.
fn strip_indirection(t: &str) -> Option<String> {
    t.strip_suffix("[]")
        .or_else(|| t.strip_suffix('*'))
        .map(|s| s.trim_end().to_string())
}

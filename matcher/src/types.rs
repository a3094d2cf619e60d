//! Types of simple expressions, from the declarations the file itself makes (locals,
//! parameters, globals, struct fields). Without headers this is all rcocci knows; an
//! expression of unknown type matches only untyped metavariables.

use crate::syntax::{normalized_text, sig_children, sig_tokens};
use c_parser::{SyntaxElement, SyntaxKind, SyntaxNode};
use std::collections::{HashMap, HashSet};
use std::sync::Arc;

/// Declared names and their types, by scope.
#[derive(Clone, Debug, Default)]
pub struct TypeEnv {
    globals: HashMap<String, String>,
    fields: HashMap<String, String>,
    /// Per function (by the byte offset of its body): parameters and locals.
    locals: Vec<(std::ops::Range<usize>, HashMap<String, String>)>,
    /// Typedef names and the named types they stand for (`foo_t` → `struct foo`).
    typedefs: HashMap<String, String>,
    /// What the tree sees around it: the file's declarations for a `#define` body, the
    /// included headers' for a file. Asked when the tree itself declares no such name.
    outer: Option<Arc<TypeEnv>>,
    /// The sizes of `int` and `long` (`--int-bits`, `--long-bits`), which decide the type of
    /// a large integer constant; without them every unsuffixed constant is an `int`.
    int_sizes: Option<IntSizes>,
    /// `static` variables of functions (by the function's start): not on its stack, so
    /// no `local idexpression`.
    static_locals: HashSet<(usize, String)>,
    /// In a `#define` body: the macro's parameters, local to the body and of unknown type
    /// (they hide the file's globals of the same name).
    macro_params: HashSet<String>,
    /// Functions the file defines or declares, and the type their name has as a value: a
    /// pointer to the function, spelled as spatch spells it (`int(*)(int c, int d)`).
    functions: HashMap<String, String>,
    /// The types those functions return (`bool` for `static bool f(void)`), which a call
    /// of one has.
    returns: HashMap<String, String>,
}

/// Bit sizes of `int` and `long`, for typing integer constants as C does.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct IntSizes {
    pub int_bits: u32,
    pub long_bits: u32,
}

impl IntSizes {
    /// The sizes spatch derives from `--int-bits` and `--long-bits`: one given alone makes
    /// `long` twice as wide as `int` (or `int` half as wide as `long`).
    pub fn from_options(int_bits: Option<u32>, long_bits: Option<u32>) -> Option<IntSizes> {
        match (int_bits, long_bits) {
            (None, None) => None,
            (Some(i), Some(l)) => Some(IntSizes {
                int_bits: i,
                long_bits: l,
            }),
            (Some(i), None) => Some(IntSizes {
                int_bits: i,
                long_bits: i.saturating_mul(2),
            }),
            (None, Some(l)) => Some(IntSizes {
                int_bits: l / 2,
                long_bits: l,
            }),
        }
    }
}

/// Normalises a type's spelling: single spaces, `*` attached as in `struct foo *`, `const`
/// dropped.
pub fn normalize_type(t: &str) -> String {
    normalize_type_qualified(t)
        .replace("const ", "")
        .replace(" const", "")
}

/// [`normalize_type`] keeping `const`: for a wanted type that says `const`.
pub fn normalize_type_qualified(t: &str) -> String {
    let mut out = String::new();
    let words: Vec<&str> = t
        .split(|c: char| c.is_whitespace())
        .filter(|w| !w.is_empty())
        .collect();
    if t.contains("(*)") {
        // A pointer to a function keeps its C spelling (`int(*)(char *p)`).
        return words.join(" ");
    }
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
    out
}

/// The words of a normalised type, for matching it word by word against a wanted type.
/// With `pointee`, a pointer to a function (`int(*)(int c)`) is its function type, one
/// word, then `*`: so `T *e` matches a function's name with `T` the function type, as in
/// Coccinelle.
pub fn type_words(normalized: &str, pointee: bool) -> Vec<String> {
    if let Some((ret, params)) = normalized.split_once("(*)").filter(|_| pointee) {
        return vec![format!("{}{params}", ret.trim_end()), "*".to_string()];
    }
    normalized
        .split(' ')
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

pub fn same_type(a: &str, b: &str) -> bool {
    normalize_type(a) == normalize_type(b)
}

fn is_typedef(node: &SyntaxNode) -> bool {
    node.children()
        .find(|c| c.kind() == SyntaxKind::DECL_SPECS)
        .is_some_and(|specs| {
            sig_children(&specs)
                .iter()
                .any(|e| e.kind() == SyntaxKind::TYPEDEF_KW)
        })
}

/// Whether a declaration's specifiers hold the storage keyword `kw`.
fn has_storage(node: &SyntaxNode, kw: SyntaxKind) -> bool {
    node.children()
        .find(|c| c.kind() == SyntaxKind::DECL_SPECS)
        .is_some_and(|specs| sig_children(&specs).iter().any(|e| e.kind() == kw))
}

/// The start of the function definition around a node.
fn enclosing_function_start(node: &SyntaxNode) -> Option<usize> {
    node.ancestors()
        .find(|a| a.kind() == SyntaxKind::FUNCTION_DEF)
        .map(|f| usize::from(f.text_range().start()))
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
        // `int (*fp)(int)`: a pointer to a function, the type a function's name has.
        SyntaxKind::FUNCTION_DECLARATOR => {
            let mut kids = node.children();
            let paren = kids
                .next()
                .filter(|n| n.kind() == SyntaxKind::PAREN_DECLARATOR)?;
            let pointer = paren
                .children()
                .next()
                .filter(|n| n.kind() == SyntaxKind::POINTER_DECLARATOR)?;
            let name = pointer
                .children()
                .last()
                .filter(|n| n.kind() == SyntaxKind::NAME)?;
            let params = kids.find(|n| n.kind() == SyntaxKind::PARAM_LIST)?;
            Some((
                normalized_text(&SyntaxElement::Node(name)),
                pointer_to_function(base, &params),
            ))
        }
        _ => None,
    }
}

/// The spelling of a pointer to a function returning `base` with parameters `params`.
fn pointer_to_function(base: &str, params: &SyntaxNode) -> String {
    let tokens: Vec<String> = sig_tokens(&SyntaxElement::Node(params.clone()))
        .iter()
        .map(|t| t.text().to_string())
        .collect();
    format!("{}(*){}", spell_type(&[base]), spell_type(&tokens))
}

/// A function's name and its type as a value (`int(*)(int c, int d)`), from the
/// declarator of its definition or prototype; `base` is the return type's specifiers.
fn function_type(node: &SyntaxNode, base: &str) -> Option<(String, String)> {
    match node.kind() {
        SyntaxKind::POINTER_DECLARATOR => {
            function_type(&node.children().last()?, &format!("{base} *"))
        }
        SyntaxKind::INIT_DECLARATOR => function_type(&node.children().next()?, base),
        SyntaxKind::FUNCTION_DECLARATOR => {
            let mut kids = node.children();
            let name = kids.next().filter(|n| n.kind() == SyntaxKind::NAME)?;
            let params = kids.find(|n| n.kind() == SyntaxKind::PARAM_LIST)?;
            Some((
                normalized_text(&SyntaxElement::Node(name)),
                pointer_to_function(base, &params),
            ))
        }
        _ => None,
    }
}

/// A function declarator's name and the type the function returns (`base` with the
/// declarator's stars).
fn function_return(node: &SyntaxNode, base: &str) -> Option<(String, String)> {
    match node.kind() {
        SyntaxKind::POINTER_DECLARATOR => {
            function_return(&node.children().last()?, &format!("{base} *"))
        }
        SyntaxKind::INIT_DECLARATOR => function_return(&node.children().next()?, base),
        SyntaxKind::FUNCTION_DECLARATOR => {
            let name = node
                .children()
                .next()
                .filter(|n| n.kind() == SyntaxKind::NAME)?;
            Some((
                normalized_text(&SyntaxElement::Node(name)),
                base.to_string(),
            ))
        }
        _ => None,
    }
}

/// Type tokens spelled as spatch prints a type: `struct s *`, `(char *p, ...)`.
fn spell_type<S: AsRef<str>>(tokens: &[S]) -> String {
    let mut out = String::new();
    for t in tokens.iter().flat_map(|t| t.as_ref().split_whitespace()) {
        let glued_before = matches!(t, "," | ")" | "(" | "[" | "]");
        let glued_after = out.ends_with(['(', '*', '[']);
        if !out.is_empty() && !glued_before && !glued_after {
            out.push(' ');
        }
        out.push_str(t);
    }
    out
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
                SyntaxKind::DECLARATION if is_typedef(&node) => env.add_typedefs(&node),
                SyntaxKind::FUNCTION_DEF => env.add_function(&node),
                SyntaxKind::DECLARATION => {
                    env.add_function(&node);
                    let in_function = node
                        .ancestors()
                        .skip(1)
                        .any(|a| a.kind() == SyntaxKind::FUNCTION_DEF);
                    let is_static = in_function && has_storage(&node, SyntaxKind::STATIC_KW);
                    for (name, ty) in declared(&node) {
                        if in_function {
                            if is_static {
                                if let Some(f) = enclosing_function_start(&node) {
                                    env.static_locals.insert((f, name.clone()));
                                }
                            }
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
        env.add_type_defines(root);
        env
    }

    /// A function definition's or prototype's name, as a value of pointer type.
    fn add_function(&mut self, node: &SyntaxNode) {
        let Some(specs) = node.children().find(|c| c.kind() == SyntaxKind::DECL_SPECS) else {
            return;
        };
        let base = specs_text(&specs);
        for d in node
            .children()
            .filter(|c| c.kind() != SyntaxKind::DECL_SPECS)
        {
            if let Some((name, ty)) = function_type(&d, &base) {
                self.functions.insert(name, ty);
            }
            if let Some((name, ty)) = function_return(&d, &base) {
                self.returns.insert(name, ty);
            }
        }
    }

    /// `#define INT16 int`: INT16 stands for `int` as a typedef name would (the parser
    /// reads such a name as a type).
    fn add_type_defines(&mut self, root: &SyntaxNode) {
        for token in root
            .descendants_with_tokens()
            .filter_map(|e| e.into_token())
            .filter(|t| t.kind() == SyntaxKind::DIRECTIVE)
        {
            let text = token.text();
            let is_type_name =
                |w: &str| self.typedefs.contains_key(w) || c_parser::is_common_type_name(w);
            if let Some((name, ty)) = c_parser::type_define(text, is_type_name) {
                let ty = normalize_type_qualified(ty);
                self.typedefs.insert(name.to_string(), ty);
            }
        }
    }

    /// `typedef struct foo { ... } foo_t;`: foo_t is `struct foo` (a typedef of an
    /// anonymous struct stays a name of its own).
    fn add_typedefs(&mut self, node: &SyntaxNode) {
        let Some(specs) = node.children().find(|c| c.kind() == SyntaxKind::DECL_SPECS) else {
            return;
        };
        let mut words = Vec::new();
        for el in sig_children(&specs) {
            match &el {
                SyntaxElement::Token(t) if t.kind() == SyntaxKind::TYPEDEF_KW => {}
                SyntaxElement::Node(n)
                    if matches!(
                        n.kind(),
                        SyntaxKind::STRUCT_SPEC | SyntaxKind::UNION_SPEC | SyntaxKind::ENUM_SPEC
                    ) =>
                {
                    // The keyword and the tag, without the body.
                    let head: Vec<String> = sig_children(n)
                        .iter()
                        .take_while(|e| e.kind() != SyntaxKind::FIELD_LIST)
                        .filter(|e| e.kind() != SyntaxKind::ENUMERATOR_LIST)
                        .map(crate::syntax::normalized_text)
                        .collect();
                    if head.len() < 2 {
                        return;
                    }
                    words.extend(head);
                }
                other => words.push(crate::syntax::normalized_text(other)),
            }
        }
        let base = words.join(" ");
        for (name, ty) in node
            .children()
            .filter(|c| c.kind() != SyntaxKind::DECL_SPECS)
            .filter_map(|d| declarator(&d, &base))
        {
            self.typedefs.insert(name, ty);
        }
    }

    /// A type with its typedef names replaced by what they stand for.
    pub fn resolve_typedefs(&self, t: &str) -> String {
        if self.typedefs.is_empty() && self.outer.is_none() {
            return t.to_string();
        }
        t.split(' ')
            .map(|w| self.typedef(w).unwrap_or(w))
            .collect::<Vec<_>>()
            .join(" ")
    }

    fn typedef(&self, name: &str) -> Option<&str> {
        match self.typedefs.get(name) {
            Some(t) => Some(t),
            None => self.outer.as_ref()?.typedef(name),
        }
    }

    fn global(&self, name: &str) -> Option<&String> {
        match self.globals.get(name) {
            Some(t) => Some(t),
            None => self.outer.as_ref()?.global(name),
        }
    }

    fn function(&self, name: &str) -> Option<&String> {
        match self.functions.get(name) {
            Some(t) => Some(t),
            None => self.outer.as_ref()?.function(name),
        }
    }

    fn returned(&self, name: &str) -> Option<&String> {
        match self.returns.get(name) {
            Some(t) => Some(t),
            None => self.outer.as_ref()?.returned(name),
        }
    }

    fn field(&self, name: &str) -> Option<&String> {
        match self.fields.get(name) {
            Some(t) => Some(t),
            None => self.outer.as_ref()?.field(name),
        }
    }

    fn int_sizes(&self) -> Option<IntSizes> {
        self.int_sizes
            .or_else(|| self.outer.as_ref().and_then(|o| o.int_sizes()))
    }

    /// This environment inside an enclosing one, whose declarations it sees where it has
    /// none of its own: a `#define` body, parsed on its own, sees the file's declarations; a
    /// file sees its headers'.
    pub fn within(mut self, outer: Arc<TypeEnv>) -> TypeEnv {
        self.outer = Some(outer);
        self
    }

    /// The environment of headers: the declarations of each, the later ones hiding the
    /// earlier ones' names, with the integer sizes the run was given.
    pub fn of_headers(headers: &[Arc<TypeEnv>], int_sizes: Option<IntSizes>) -> TypeEnv {
        let mut env = TypeEnv {
            int_sizes,
            ..TypeEnv::default()
        };
        for h in headers {
            env.globals
                .extend(h.globals.iter().map(|(k, v)| (k.clone(), v.clone())));
            env.fields
                .extend(h.fields.iter().map(|(k, v)| (k.clone(), v.clone())));
            env.typedefs
                .extend(h.typedefs.iter().map(|(k, v)| (k.clone(), v.clone())));
            env.functions
                .extend(h.functions.iter().map(|(k, v)| (k.clone(), v.clone())));
            env.returns
                .extend(h.returns.iter().map(|(k, v)| (k.clone(), v.clone())));
        }
        env
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

    /// This environment of a `#define` body with the macro's parameters.
    pub fn with_macro_params(mut self, params: &[String]) -> TypeEnv {
        self.macro_params.extend(params.iter().cloned());
        self
    }

    /// Whether `name` at offset `at` is a parameter or local variable of its function (or
    /// a parameter of the macro whose body this is).
    pub fn is_local(&self, name: &str, at: usize) -> bool {
        self.macro_params.contains(name)
            || self.locals.iter().any(|(r, m)| {
                r.contains(&at)
                    && m.contains_key(name)
                    && !self.static_locals.contains(&(r.start, name.to_string()))
            })
    }

    /// The type of the variable `name` declared at offset `at`.
    pub fn declared_type(&self, name: &str, at: usize) -> Option<String> {
        self.lookup(name, at)
    }

    fn lookup(&self, name: &str, at: usize) -> Option<String> {
        if self.macro_params.contains(name) {
            return None;
        }
        for (r, m) in &self.locals {
            if r.contains(&at) {
                if let Some(t) = m.get(name) {
                    return Some(t.clone());
                }
            }
        }
        self.global(name).or_else(|| self.function(name)).cloned()
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
                    SyntaxKind::INT_NUMBER => Some(int_constant_type(t.text(), self.int_sizes())),
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
            SyntaxKind::FIELD_EXPR => self.field_type(&kids),
            SyntaxKind::PREFIX_EXPR => {
                let op = kids.first()?.kind();
                let inner = self.type_of(kids.get(1)?);
                match op {
                    SyntaxKind::STAR => strip_indirection(&normalize_type(&inner?)),
                    // A function's address is what its name already stands for.
                    SyntaxKind::AMP if self.names_function(&kids[1]) => inner,
                    SyntaxKind::AMP => Some(format!("{} *", inner?)),
                    SyntaxKind::BANG => Some("int".into()),
                    _ => inner,
                }
            }
            SyntaxKind::INDEX_EXPR => {
                // An element of a `const` array is `const`.
                let t = self.type_of(kids.first()?)?;
                strip_indirection(&normalize_type_qualified(&t))
                    .or_else(|| strip_indirection(&normalize_type(&t)))
            }
            SyntaxKind::POSTFIX_EXPR => self.type_of(kids.first()?),
            // A call of a function the file declares has the type it returns.
            SyntaxKind::CALL_EXPR => {
                let callee = kids.first()?;
                if !self.names_function(callee) {
                    return None;
                }
                let name = sig_tokens(callee).first()?.text().to_string();
                self.returned(&name).cloned()
            }
            SyntaxKind::ASSIGN_EXPR => self.type_of(kids.first()?),
            // spatch's types of `sizeof` and of a pointer difference.
            SyntaxKind::SIZEOF_EXPR => Some("size_t".into()),
            SyntaxKind::BIN_EXPR => self.binary_type(&kids),
            _ => None,
        }
    }
}

impl TypeEnv {
    /// The type of `base.field` or `base->field`: the field's declared type, `const` when
    /// the structure is.
    fn field_type(&self, kids: &[SyntaxElement]) -> Option<String> {
        let field = kids.last()?;
        let name = sig_tokens(field).last()?.text().to_string();
        let ty = self.field(&name).cloned()?;
        let base = kids.first().and_then(|b| self.type_of(b));
        let const_base = base.is_some_and(|b| {
            normalize_type_qualified(&b)
                .split(' ')
                .next()
                .is_some_and(|w| w == "const")
        });
        let const_field = normalize_type_qualified(&ty)
            .split(' ')
            .any(|w| w == "const");
        Some(if const_base && !const_field {
            format!("const {ty}")
        } else {
            ty
        })
    }

    /// The type of a binary expression: `int` for a comparison or logical operator,
    /// `ptrdiff_t` for a pointer difference, the pointer's type for pointer arithmetic, and
    /// for integers the operand of higher rank (the usual arithmetic conversions, roughly).
    fn binary_type(&self, kids: &[SyntaxElement]) -> Option<String> {
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
        if a == b && op == SyntaxKind::MINUS && (a.ends_with('*') || a.ends_with("[]")) {
            return Some("ptrdiff_t".into());
        }
        if a == b {
            return Some(a);
        }
        let pointer = |t: &str| t.ends_with('*') || t.ends_with("[]");
        match (pointer(&a), pointer(&b)) {
            (true, true) if op == SyntaxKind::MINUS => return Some("ptrdiff_t".into()),
            (true, false) => return Some(array_decayed(&a)),
            (false, true) => return Some(array_decayed(&b)),
            _ => {}
        }
        let (ra, rb) = (arith_rank(&a)?, arith_rank(&b)?);
        Some(if ra >= rb { a } else { b })
    }
}

impl TypeEnv {
    /// Whether an expression is the name of a function (not hidden by a variable).
    fn names_function(&self, el: &SyntaxElement) -> bool {
        let SyntaxElement::Node(n) = el else {
            return false;
        };
        if n.kind() != SyntaxKind::NAME_REF {
            return false;
        }
        let Some(name) = sig_tokens(el).first().map(|t| t.text().to_string()) else {
            return false;
        };
        let at = usize::from(n.text_range().start());
        let variable = self.macro_params.contains(&name)
            || self
                .locals
                .iter()
                .any(|(r, m)| r.contains(&at) && m.contains_key(&name))
            || self.global(&name).is_some();
        !variable && self.function(&name).is_some()
    }
}

/// The type of an integer constant (C11 6.4.4.1): by its suffix, and, when the sizes of
/// `int` and `long` are known, by its value: an unsuffixed decimal constant too large for
/// `int` is a `long`, one too large for that an `unsigned long`, and so on; an octal or
/// hexadecimal one may also be unsigned. A `.` or exponent makes it a `double`.
fn int_constant_type(text: &str, sizes: Option<IntSizes>) -> String {
    let s = text.to_ascii_lowercase();
    let hex = s.starts_with("0x");
    if s.contains('.') || (!hex && s.contains('e')) {
        return "double".into();
    }
    let digits = s.trim_end_matches(['u', 'l']);
    let suffix = &s[digits.len()..];
    let unsigned = suffix.contains('u');
    let longs = suffix.matches('l').count();
    if longs >= 2 {
        return if unsigned {
            "unsigned long long"
        } else {
            "long long"
        }
        .into();
    }
    if longs == 1 && unsigned {
        return "unsigned long".into();
    }
    // The types a constant may take, by the threshold its value passes: below 2^(int-1),
    // below 2^int, below 2^(long-1), below 2^long, beyond.
    let octal = !hex && digits.len() > 1 && digits.starts_with('0');
    let decimal = !hex && !octal;
    let candidates: [&str; 5] = match (unsigned, longs, decimal) {
        (true, _, _) => [
            "unsigned int",
            "unsigned int",
            "unsigned long",
            "unsigned long",
            "unsigned long long",
        ],
        (false, 1, _) => ["long", "long", "long", "unsigned long", "long long"],
        (false, _, true) => ["int", "long", "long", "unsigned long", "long long"],
        (false, _, false) => ["int", "unsigned int", "long", "unsigned long", "long long"],
    };
    let Some(sizes) = sizes else {
        return candidates[0].into();
    };
    let value = if hex {
        u128::from_str_radix(&digits[2..], 16)
    } else if decimal {
        digits.parse::<u128>()
    } else {
        u128::from_str_radix(&digits[1..], 8)
    };
    let bits = value.map_or(u32::MAX, |v| 128 - v.leading_zeros());
    let (i, l) = (sizes.int_bits, sizes.long_bits);
    // From the widest down: when `long` is no wider than `int`, a value past `int` is
    // already past `long` too.
    let class = if bits > l {
        4
    } else if bits == l {
        3
    } else if bits > i {
        2
    } else if bits == i {
        1
    } else {
        0
    };
    candidates[class].into()
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

/// An array used as a value is a pointer to its first element (`char []` gives `char *`).
fn array_decayed(t: &str) -> String {
    match t.strip_suffix("[]") {
        Some(elem) => format!("{} *", elem.trim_end()),
        None => t.to_string(),
    }
}

/// The type of `*e` or `e[i]` for a pointer or array `e`.
fn strip_indirection(t: &str) -> Option<String> {
    t.strip_suffix("[]")
        .or_else(|| t.strip_suffix('*'))
        .map(|s| s.trim_end().to_string())
}

mod specifiers;
pub(crate) use specifiers::type_part;

#[cfg(test)]
mod tests;

//! Differential tests: expression and declaration shapes of c-parser against `lang-c`.
//!
//! Random expressions and declarations are rendered to C text (with the typedefs they use
//! declared first, so `lang-c` can parse too), parsed by both parsers, and each tree is
//! printed as a fully parenthesised S-expression; the two must be equal.
//!
//! Where `lang-c` rejects a generated text (it has no `a ? : b`, and its PEG grammar does not
//! backtrack out of `sizeof ( type-name )` into a compound literal), the case is skipped and
//! the shape is covered by the hand-written table below instead.

mod oracle_print;

use oracle_print::{c_parser_shape, lang_c_shape, Place};
use proptest::prelude::*;
use std::cell::Cell;

/// Typedefs and a struct that the generated code may use; every case starts with them.
const PRELUDE: &str = "typedef int tint;\n\
typedef struct pt { int a; int b; } pt;\n\
typedef char *cstr;\n\
typedef unsigned long ULONG;\n\
struct s { int a; int b; struct s *next; };\n";

const VARS: &[&str] = &["a", "b", "c", "x", "y", "p", "q", "len", "ptr", "NR_ITEMS"];
const CALLEES: &[&str] = &["f", "g", "do_work"];
const FIELDS: &[&str] = &["a", "b", "next", "len"];
const SPECS: &[&str] = &[
    "int",
    "char",
    "unsigned long",
    "const char",
    "void",
    "struct s",
    "const struct s",
    "tint",
    "pt",
    "cstr",
    "unsigned",
    "long long",
    "const tint",
    "tint const",
    "struct s const",
    "volatile unsigned char",
    "ULONG",
    "long unsigned int",
    "short int",
    "signed char",
    "double",
    "long double",
    "_Bool",
];

/// One step of a declarator, read from the name outwards.
#[derive(Clone, Debug)]
enum Deriv {
    /// Redundant parentheses around the declarator so far: `int (x)`, `int ((*p))[2]`.
    Paren,
    Ptr(&'static str),
    Array(Option<u32>),
    /// An array whose size is written as an expression.
    ArrayOf(&'static str),
    Func(Vec<Param>),
}

/// Array sizes and bit-field widths written as constant expressions.
const SIZE_EXPRS: &[&str] = &[
    "NR_ITEMS + 1",
    "sizeof (pt) * 2",
    "2 << 3",
    "x ? 4 : 8",
    "(tint)3",
    "sizeof (struct s *) / sizeof (int)",
    "len - 1 & 7",
];

#[derive(Clone, Debug)]
enum Param {
    Typed(Ty, Option<&'static str>),
    Ellipsis,
}

#[derive(Clone, Debug)]
struct Ty {
    specs: &'static str,
    derivs: Vec<Deriv>,
}

#[derive(Clone, Debug)]
enum Init {
    Expr(Expr),
    List(Vec<(Vec<Designator>, Init)>),
}

#[derive(Clone, Debug)]
enum Designator {
    Field(&'static str),
    Index(u32),
}

#[derive(Clone, Debug)]
enum Expr {
    Name(&'static str),
    Num(u32),
    Str(Vec<&'static str>),
    Binary(&'static str, Box<Expr>, Box<Expr>),
    Assign(&'static str, Box<Expr>, Box<Expr>),
    Cond(Box<Expr>, Box<Expr>, Box<Expr>),
    Comma(Box<Expr>, Box<Expr>),
    Prefix(&'static str, Box<Expr>),
    Postfix(&'static str, Box<Expr>),
    Cast(Ty, Box<Expr>),
    SizeofValue(Box<Expr>),
    SizeofType(Ty),
    Call(&'static str, Vec<Expr>),
    Index(Box<Expr>, Box<Expr>),
    Member(Box<Expr>, bool, &'static str),
    Compound(Ty, Vec<(Vec<Designator>, Init)>),
    /// Redundant parentheses.
    Paren(Box<Expr>),
}

/// Binding strength of each level, higher binds tighter (C11 6.5).
const COMMA: u8 = 0;
const ASSIGN: u8 = 1;
const COND: u8 = 2;
const CAST: u8 = 13;
const UNARY: u8 = 14;
const POSTFIX: u8 = 15;
const PRIMARY: u8 = 16;

fn binary_level(op: &str) -> u8 {
    match op {
        "||" => 3,
        "&&" => 4,
        "|" => 5,
        "^" => 6,
        "&" => 7,
        "==" | "!=" => 8,
        "<" | ">" | "<=" | ">=" => 9,
        "<<" | ">>" => 10,
        "+" | "-" => 11,
        _ => 12,
    }
}

impl Expr {
    fn level(&self) -> u8 {
        match self {
            Expr::Name(_) | Expr::Num(_) | Expr::Str(_) | Expr::Paren(_) => PRIMARY,
            Expr::Binary(op, ..) => binary_level(op),
            Expr::Assign(..) => ASSIGN,
            Expr::Cond(..) => COND,
            Expr::Comma(..) => COMMA,
            Expr::Prefix(..) | Expr::SizeofValue(_) | Expr::SizeofType(_) => UNARY,
            Expr::Cast(..) => CAST,
            Expr::Postfix(..)
            | Expr::Call(..)
            | Expr::Index(..)
            | Expr::Member(..)
            | Expr::Compound(..) => POSTFIX,
        }
    }

    /// C text, with parentheses only where the operand's level needs them.
    fn render(&self) -> String {
        let sub = |e: &Expr, min: u8| {
            if e.level() < min {
                format!("({})", e.render())
            } else {
                e.render()
            }
        };
        match self {
            Expr::Name(n) => n.to_string(),
            Expr::Num(n) => n.to_string(),
            Expr::Str(parts) => parts.join(" "),
            Expr::Binary(op, l, r) => {
                let lv = binary_level(op);
                format!("{} {} {}", sub(l, lv), op, sub(r, lv + 1))
            }
            Expr::Assign(op, l, r) => format!("{} {} {}", sub(l, UNARY), op, sub(r, ASSIGN)),
            Expr::Cond(c, t, e) => format!("{} ? {} : {}", sub(c, 3), sub(t, COMMA), sub(e, COND)),
            Expr::Comma(l, r) => format!("{}, {}", sub(l, COMMA), sub(r, ASSIGN)),
            Expr::Prefix(op, e) => {
                let min = if op.len() == 2 { UNARY } else { CAST };
                format!("{} {}", op, sub(e, min))
            }
            Expr::Postfix(op, e) => format!("{}{}", sub(e, POSTFIX), op),
            Expr::Cast(t, e) => format!("({}) {}", t.render(""), sub(e, CAST)),
            // An operand starting with `(` would read as `sizeof ( type-name )` to lang-c's
            // PEG grammar when it is a compound literal; `sizeof` then takes it in parentheses.
            Expr::SizeofValue(e) => match **e {
                Expr::Compound(..) => format!("sizeof ({})", e.render()),
                _ => format!("sizeof {}", sub(e, UNARY)),
            },
            Expr::SizeofType(t) => format!("sizeof ({})", t.render("")),
            Expr::Call(f, args) => {
                let args: Vec<String> = args.iter().map(|a| sub(a, ASSIGN)).collect();
                format!("{}({})", f, args.join(", "))
            }
            Expr::Index(a, i) => format!("{}[{}]", sub(a, POSTFIX), i.render()),
            // `40.b` and `1.5.b` are preprocessing numbers (C11 6.4.8), not member accesses.
            Expr::Member(e, arrow, f)
                if matches!(**e, Expr::Num(_))
                    || matches!(**e, Expr::Name(n) if n.starts_with(|c: char| c.is_ascii_digit())) =>
            {
                format!("({}){}{}", e.render(), if *arrow { "->" } else { "." }, f)
            }
            Expr::Member(e, arrow, f) => {
                format!(
                    "{}{}{}",
                    sub(e, POSTFIX),
                    if *arrow { "->" } else { "." },
                    f
                )
            }
            Expr::Compound(t, items) => format!("({}){}", t.render(""), render_list(items)),
            Expr::Paren(e) => format!("({})", e.render()),
        }
    }
}

fn render_list(items: &[(Vec<Designator>, Init)]) -> String {
    let items: Vec<String> = items
        .iter()
        .map(|(ds, init)| {
            let init = match init {
                Init::Expr(e) if e.level() < ASSIGN => format!("({})", e.render()),
                Init::Expr(e) => e.render(),
                Init::List(l) => render_list(l),
            };
            if ds.is_empty() {
                return init;
            }
            let ds: String = ds
                .iter()
                .map(|d| match d {
                    Designator::Field(f) => format!(".{f}"),
                    Designator::Index(i) => format!("[{i}]"),
                })
                .collect();
            format!("{ds} = {init}")
        })
        .collect();
    format!("{{ {} }}", items.join(", "))
}

impl Ty {
    /// `specs declarator`, the declarator built from the name outwards.
    fn render(&self, name: &str) -> String {
        let mut d = name.to_string();
        let mut after_pointer = false;
        for deriv in &self.derivs {
            match deriv {
                // `()` alone would be a function suffix.
                Deriv::Paren if d.is_empty() => continue,
                Deriv::Paren => {
                    d = format!("({d})");
                    after_pointer = false;
                    continue;
                }
                Deriv::Ptr(q) => {
                    d = if q.is_empty() {
                        format!("*{d}")
                    } else {
                        format!("* {q} {d}")
                    };
                    after_pointer = true;
                    continue;
                }
                Deriv::Array(n) => {
                    if after_pointer {
                        d = format!("({d})");
                    }
                    match n {
                        Some(n) => d.push_str(&format!("[{n}]")),
                        None => d.push_str("[]"),
                    }
                }
                Deriv::ArrayOf(size) => {
                    if after_pointer {
                        d = format!("({d})");
                    }
                    d.push_str(&format!("[{size}]"));
                }
                Deriv::Func(params) => {
                    if after_pointer {
                        d = format!("({d})");
                    }
                    let ps: Vec<String> = params
                        .iter()
                        .map(|p| match p {
                            Param::Typed(t, n) => t.render(n.unwrap_or("")),
                            Param::Ellipsis => "...".to_string(),
                        })
                        .collect();
                    let ps = if ps.is_empty() {
                        "void".to_string()
                    } else {
                        ps.join(", ")
                    };
                    d.push_str(&format!("({ps})"));
                }
            }
            after_pointer = false;
        }
        if d.is_empty() {
            self.specs.to_string()
        } else {
            format!("{} {}", self.specs, d)
        }
    }
}

fn arb_ty(depth: u32) -> BoxedStrategy<Ty> {
    let deriv = if depth == 0 {
        prop_oneof![
            3 => prop::sample::select(&["", "const", "volatile", "const volatile"][..]).prop_map(Deriv::Ptr),
            1 => prop::option::of(1u32..9).prop_map(Deriv::Array),
        ]
        .boxed()
    } else {
        let param = prop_oneof![
            4 => (arb_ty(depth - 1), prop::option::of(prop::sample::select(&["n", "buf"][..])))
                .prop_map(|(t, n)| {
                    // lang-c reads `int (tint)` as a parameter named `tint`; C11 6.7.6.3p11
                    // makes it a function type (see `typedef_in_parentheses_is_a_type`).
                    let n = match t.derivs.iter().find(|d| !matches!(d, Deriv::Paren)) {
                        Some(Deriv::Func(_)) if n.is_none() => Some("n"),
                        _ => n,
                    };
                    Param::Typed(t, n)
                }),
            1 => Just(Param::Ellipsis),
        ];
        let params = prop::collection::vec(param, 0..3).prop_map(|mut ps| {
            // `...` only last, and never alone.
            let n = ps.len();
            ps.retain(|p| !matches!(p, Param::Ellipsis));
            if n > ps.len() && !ps.is_empty() {
                ps.push(Param::Ellipsis);
            }
            ps
        });
        prop_oneof![
            3 => prop::sample::select(&["", "const", "volatile", "const volatile"][..]).prop_map(Deriv::Ptr),
            1 => prop::option::of(1u32..9).prop_map(Deriv::Array),
            1 => params.prop_map(Deriv::Func),
            1 => Just(Deriv::Paren),
            1 => prop::sample::select(SIZE_EXPRS).prop_map(Deriv::ArrayOf),
        ]
        .boxed()
    };
    (
        prop::sample::select(SPECS),
        prop::collection::vec(deriv, 0..4),
    )
        .prop_map(|(specs, derivs)| Ty { specs, derivs })
        .boxed()
}

/// Types for casts, sizeof and compound literals.
fn arb_type_name() -> BoxedStrategy<Ty> {
    arb_ty(1).boxed()
}

fn arb_designators() -> impl Strategy<Value = Vec<Designator>> {
    prop::collection::vec(
        prop_oneof![
            prop::sample::select(FIELDS).prop_map(Designator::Field),
            (0u32..8).prop_map(Designator::Index),
        ],
        0..3,
    )
}

fn arb_init_list(
    expr: BoxedStrategy<Expr>,
    depth: u32,
) -> BoxedStrategy<Vec<(Vec<Designator>, Init)>> {
    let init = if depth == 0 {
        expr.clone().prop_map(Init::Expr).boxed()
    } else {
        prop_oneof![
            3 => expr.clone().prop_map(Init::Expr),
            1 => arb_init_list(expr.clone(), depth - 1).prop_map(Init::List),
        ]
        .boxed()
    };
    prop::collection::vec((arb_designators(), init), 1..4).boxed()
}

fn arb_expr() -> BoxedStrategy<Expr> {
    let leaf = prop_oneof![
        4 => prop::sample::select(VARS).prop_map(Expr::Name),
        2 => (0u32..100).prop_map(Expr::Num),
        1 => prop::sample::select(&["'a'", "'\\n'", "1.5", "0x1f", "10UL", "2.0f"][..]).prop_map(Expr::Name),
        1 => prop::collection::vec(prop::sample::select(&["\"ab\"", "\"c\\n\"", "\"\""][..]), 1..3)
            .prop_map(Expr::Str),
    ];
    leaf.prop_recursive(5, 40, 4, |inner| {
        let b = |e: Expr| Box::new(e);
        let binop = prop::sample::select(
            &[
                "*", "/", "%", "+", "-", "<<", ">>", "<", ">", "<=", ">=", "==", "!=", "&", "^",
                "|", "&&", "||",
            ][..],
        );
        let assignop = prop::sample::select(
            &["=", "+=", "-=", "*=", "/=", "%=", "<<=", ">>=", "&=", "^=", "|="][..],
        );
        let prefix = prop::sample::select(&["&", "*", "+", "-", "~", "!", "++", "--"][..]);
        prop_oneof![
            6 => (binop, inner.clone(), inner.clone()).prop_map(move |(o, l, r)| Expr::Binary(o, b(l), b(r))),
            2 => (assignop, inner.clone(), inner.clone()).prop_map(move |(o, l, r)| Expr::Assign(o, b(l), b(r))),
            2 => (inner.clone(), inner.clone(), inner.clone()).prop_map(move |(c, t, e)| Expr::Cond(b(c), b(t), b(e))),
            1 => (inner.clone(), inner.clone()).prop_map(move |(l, r)| Expr::Comma(b(l), b(r))),
            3 => (prefix, inner.clone()).prop_map(move |(o, e)| Expr::Prefix(o, b(e))),
            1 => (prop::sample::select(&["++", "--"][..]), inner.clone()).prop_map(move |(o, e)| Expr::Postfix(o, b(e))),
            2 => (arb_type_name(), inner.clone()).prop_map(move |(t, e)| Expr::Cast(t, b(e))),
            1 => inner.clone().prop_map(move |e| Expr::SizeofValue(b(e))),
            1 => arb_type_name().prop_map(Expr::SizeofType),
            2 => (prop::sample::select(CALLEES), prop::collection::vec(inner.clone(), 0..3)).prop_map(|(f, a)| Expr::Call(f, a)),
            2 => (inner.clone(), inner.clone()).prop_map(move |(a, i)| Expr::Index(b(a), b(i))),
            2 => (inner.clone(), any::<bool>(), prop::sample::select(FIELDS)).prop_map(move |(e, arrow, f)| Expr::Member(b(e), arrow, f)),
            1 => (arb_type_name(), arb_init_list(inner.clone(), 1)).prop_map(|(t, l)| Expr::Compound(t, l)),
            1 => inner.clone().prop_map(move |e| Expr::Paren(b(e))),
        ]
    })
    .boxed()
}

/// One declarator of a declaration: name, type derivations, initializer.
#[derive(Clone, Debug)]
struct InitDecl {
    name: &'static str,
    derivs: Vec<Deriv>,
    init: Option<Init>,
}

fn arb_init_decl() -> impl Strategy<Value = InitDecl> {
    let init = prop_oneof![
        2 => Just(None),
        2 => arb_expr().prop_map(|e| Some(Init::Expr(e))),
        2 => arb_init_list(arb_expr(), 2).prop_map(|l| Some(Init::List(l))),
    ];
    (
        prop::sample::select(&["v", "tab", "handler", "ops"][..]),
        arb_ty(2),
        init,
    )
        .prop_map(|(name, ty, init)| {
            // A function declarator takes no initializer.
            let init = if matches!(ty.derivs.first(), Some(Deriv::Func(_))) {
                None
            } else {
                init
            };
            InitDecl {
                name,
                derivs: ty.derivs,
                init,
            }
        })
}

fn render_decl(storage: &str, specs: &str, decls: &[InitDecl]) -> String {
    let ds: Vec<String> = decls
        .iter()
        .map(|d| {
            let ty = Ty {
                specs: "",
                derivs: d.derivs.clone(),
            };
            let text = ty.render(d.name).trim_start().to_string();
            match &d.init {
                None => text,
                Some(Init::Expr(e)) if e.level() < ASSIGN => format!("{text} = ({})", e.render()),
                Some(Init::Expr(e)) => format!("{text} = {}", e.render()),
                Some(Init::List(l)) => format!("{text} = {}", render_list(l)),
            }
        })
        .collect();
    format!("{storage}{specs} {};", ds.join(", "))
}

/// A struct member: `specs declarator [: width]` or an unnamed `specs : width`.
fn arb_field() -> impl Strategy<Value = String> {
    (
        prop::sample::select(&["int", "unsigned", "tint", "unsigned char", "const int"][..]),
        prop::collection::vec(
            (
                prop::option::of(
                    (
                        prop::sample::select(&["flag", "mode", "rest"][..]),
                        arb_ty(1),
                    )
                        .prop_map(|(n, t)| Ty { specs: "", ..t }.render(n).trim().to_string()),
                ),
                prop::option::of(prop_oneof![
                    3 => (1u32..16).prop_map(|w| w.to_string()),
                    1 => prop::sample::select(SIZE_EXPRS).prop_map(str::to_string),
                ]),
            ),
            1..3,
        ),
    )
        .prop_map(|(specs, decls)| {
            let ds: Vec<String> = decls
                .into_iter()
                .map(|(d, width)| match (d, width) {
                    (Some(d), Some(w)) => format!("{d} : {w}"),
                    (Some(d), None) => d,
                    (None, w) => format!(": {}", w.unwrap_or_else(|| "1".to_string())),
                })
                .collect();
            format!("{specs} {};", ds.join(", "))
        })
}

/// Both shapes of `text` at `place`, or `None` when lang-c rejects the text.
fn shapes(text: &str, place: Place) -> Option<(String, String)> {
    let oracle = lang_c_shape(text, place)?;
    Some((c_parser_shape(text, place), oracle))
}

fn expr_program(expr: &str) -> String {
    format!("{PRELUDE}int test_fn(void)\n{{\n\treturn {expr};\n}}\n")
}

fn cases(default: u32) -> u32 {
    std::env::var("ORACLE_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// Runs `cases` generated texts through both parsers; a text lang-c rejects is counted and
/// skipped, and at most a tenth may be, so the comparison keeps its teeth.
fn run_differential<S: Strategy>(
    what: &str,
    strategy: S,
    place: Place,
    render: impl Fn(&S::Value) -> (String, String),
) {
    let config = ProptestConfig {
        cases: cases(3000),
        failure_persistence: None,
        ..ProptestConfig::default()
    };
    let mut runner = proptest::test_runner::TestRunner::new(config);
    let (compared, skipped) = (Cell::new(0u32), Cell::new(0u32));
    let result = runner.run(&strategy, |value| {
        let (shown, text) = render(&value);
        match shapes(&text, place) {
            Some((ours, oracle)) => {
                if std::env::var_os("ORACLE_SHOW_COMPARED").is_some() {
                    eprintln!("{what}: {shown}\n  {ours}");
                }
                compared.set(compared.get() + 1);
                prop_assert_eq!(ours, oracle, "{}: {}", what, shown);
            }
            None => {
                if std::env::var_os("ORACLE_SHOW_SKIPPED").is_some() {
                    eprintln!("{what} skipped: {shown}");
                }
                skipped.set(skipped.get() + 1)
            }
        }
        Ok(())
    });
    if let Err(e) = result {
        panic!("{e}");
    }
    eprintln!(
        "{what}: {} compared with lang-c, {} skipped (lang-c rejects them)",
        compared.get(),
        skipped.get()
    );
    assert!(
        skipped.get() * 10 <= compared.get() + skipped.get(),
        "{what}: lang-c rejected too many generated texts"
    );
}

#[test]
fn random_expressions_match_lang_c() {
    run_differential("expression", arb_expr(), Place::ReturnExpr, |e| {
        let expr = e.render();
        let text = expr_program(&expr);
        (expr, text)
    });
}

#[test]
fn random_declarations_match_lang_c() {
    let strategy = (
        prop::sample::select(&["", "static ", "extern "][..]),
        prop::sample::select(SPECS),
        prop::collection::vec(arb_init_decl(), 1..3),
    );
    run_differential(
        "declaration",
        strategy,
        Place::LastDeclaration,
        |(storage, specs, decls)| {
            let decl = render_decl(storage, specs, decls);
            let text = format!("{PRELUDE}{decl}\n");
            (decl, text)
        },
    );
}

#[test]
fn random_local_declarations_match_lang_c() {
    let strategy = (
        prop::sample::select(&["", "static ", "register ", "const "][..]),
        prop::sample::select(SPECS),
        prop::collection::vec(arb_init_decl(), 1..3),
    );
    run_differential(
        "local declaration",
        strategy,
        Place::LocalDeclaration,
        |(storage, specs, decls)| {
            let decl = render_decl(storage, specs, decls);
            let text = format!("{PRELUDE}void test_fn(void)\n{{\n\t{decl}\n\treturn;\n}}\n");
            (decl, text)
        },
    );
}

/// Statements with an effect: assignments, calls, increments, and comma lists of them.
fn arb_effect() -> impl Strategy<Value = Expr> {
    let b = |e: Expr| Box::new(e);
    let assign_op = prop::sample::select(&["=", "+=", "|=", "<<="][..]);
    let one = prop_oneof![
        3 => (assign_op, arb_expr(), arb_expr()).prop_map(move |(o, l, r)| Expr::Assign(o, b(l), b(r))),
        2 => (prop::sample::select(CALLEES), prop::collection::vec(arb_expr(), 0..3))
            .prop_map(|(f, a)| Expr::Call(f, a)),
        1 => (prop::sample::select(&["++", "--"][..]), arb_expr()).prop_map(move |(o, e)| Expr::Postfix(o, b(e))),
        1 => (prop::sample::select(&["++", "--"][..]), arb_expr()).prop_map(move |(o, e)| Expr::Prefix(o, b(e))),
        1 => arb_expr().prop_map(move |e| Expr::Cast(Ty { specs: "void", derivs: vec![] }, b(e))),
    ];
    prop::collection::vec(one, 1..3).prop_map(|mut es| {
        let first = es.remove(0);
        es.into_iter()
            .fold(first, |l, r| Expr::Comma(Box::new(l), Box::new(r)))
    })
}

/// Expression statements: c-parser decides between a declaration and a statement here, so
/// only statements that have an effect are generated (`a * b;` reads as a declaration, by
/// design, since kernel code never multiplies for nothing).
#[test]
fn random_expression_statements_match_lang_c() {
    run_differential(
        "expression statement",
        arb_effect(),
        Place::ExprStatement,
        |e| {
            let stmt = format!("{};", e.render());
            let text = format!("{PRELUDE}void test_fn(void)\n{{\n\t{stmt}\n}}\n");
            (stmt, text)
        },
    );
}

/// Declarations whose type is defined on the spot: nested structs and unions, enums.
fn arb_tag_definition() -> impl Strategy<Value = String> {
    let enumerator = (
        prop::sample::select(&["RED", "GREEN", "BLUE"][..]),
        prop::option::of(prop::sample::select(SIZE_EXPRS)),
    )
        .prop_map(|(n, v)| match v {
            Some(v) => format!("{n} = {v}"),
            None => n.to_string(),
        });
    let enum_spec =
        (prop::collection::vec(enumerator, 1..4), any::<bool>()).prop_map(|(items, trailing)| {
            format!(
                "enum colour {{ {}{} }}",
                items.join(", "),
                if trailing { "," } else { "" }
            )
        });
    let inner = (
        prop::sample::select(&["struct", "union"][..]),
        prop::collection::vec(arb_field(), 1..3),
    )
        .prop_map(|(kw, fields)| format!("{kw} {{ {} }} inner;", fields.join(" ")));
    let record = (
        prop::sample::select(&["struct rec", "union rec", "struct"][..]),
        prop::collection::vec(prop_oneof![3 => arb_field(), 1 => inner], 1..4),
    )
        .prop_map(|(kw, fields)| format!("{kw} {{ {} }}", fields.join(" ")));
    let spec = prop_oneof![record, enum_spec];
    (
        prop::sample::select(&["", "static ", "typedef "][..]),
        spec,
        prop::collection::vec(arb_init_decl(), 0..2),
    )
        .prop_map(|(storage, spec, decls)| {
            let decls: Vec<InitDecl> = decls
                .into_iter()
                .map(|d| InitDecl { init: None, ..d })
                .collect();
            if decls.is_empty() {
                format!("{spec};")
            } else {
                render_decl(storage, &spec, &decls)
            }
        })
}

#[test]
fn random_tag_definitions_match_lang_c() {
    run_differential(
        "tag definition",
        arb_tag_definition(),
        Place::LastDeclaration,
        |decl| {
            let text = format!("{PRELUDE}{decl}\n");
            (decl.clone(), text)
        },
    );
}

/// Function definitions: a parameter list on the name, then anything the result may be
/// (pointers to arrays, pointers to functions).
#[test]
fn random_function_heads_match_lang_c() {
    let named_param = (arb_ty(1), prop::sample::select(&["n", "buf", "ops"][..]))
        .prop_map(|(t, n)| Param::Typed(t, Some(n)));
    let strategy = (
        prop::sample::select(&["", "static ", "static inline ", "extern "][..]),
        prop::sample::select(SPECS),
        prop::collection::vec(named_param, 0..3),
        arb_ty(1),
    );
    run_differential(
        "function head",
        strategy,
        Place::FunctionHead,
        |(storage, specs, params, result)| {
            let mut derivs = vec![Deriv::Func(params.clone())];
            derivs.extend(result.derivs.iter().cloned());
            let head = Ty { specs, derivs }.render("handler");
            let text = format!("{PRELUDE}{storage}{head}\n{{\n\treturn;\n}}\n");
            (format!("{storage}{head}"), text)
        },
    );
}

#[test]
fn random_struct_fields_match_lang_c() {
    let strategy = prop::collection::vec(arb_field(), 1..4);
    run_differential(
        "struct fields",
        strategy,
        Place::LastDeclaration,
        |fields| {
            let body = fields.join("\n\t");
            let text = format!("{PRELUDE}struct gen {{\n\t{body}\n}};\n");
            (body, text)
        },
    );
}

/// Expressions both parsers must read alike, written by hand around the tricky spots.
const TRICKY_EXPRS: &[&str] = &[
    "(tint)*p",
    "(tint)-x",
    "(tint)&x",
    "(tint)+x",
    "(tint)++x",
    "(tint)(x)",
    "(pt *)p",
    "(x)*p",
    "(x)-p",
    "(x)&p",
    "(x)(p)",
    "sizeof (int) * 3",
    "sizeof (x) * 3",
    "sizeof x * 3",
    "sizeof (tint) + sizeof (pt *)",
    "sizeof - x",
    "sizeof sizeof x",
    "sizeof (char (*)[4])",
    "sizeof (int (*)(void))",
    "- - x",
    "- -x",
    "+ + x",
    "a = b = c",
    "a += b -= c",
    "x->a.b[3]++",
    "(struct s){ .a = 1 }.a",
    "(pt){ 1, 2 }.b",
    "(struct s){ .a = 1, .next = 0 }.next->a",
    "&*p",
    "*&p",
    "!~x",
    "~!x",
    "a << b >> c",
    "a >> b << c",
    "f(a, (b, c))",
    "a, b, c",
    "a ? b : c ? x : y",
    "a ? b, c : x",
    "a || b && c | x ^ y & p == q < len << ptr + a * b",
    "a * b + c",
    "a - b - c",
    "a / b / c",
    "p->next->next->a",
    "f(x)(y)[2]",
    "\"ab\" \"cd\"",
    "*p++",
    "(*p)++",
    "-x++",
    "&a[3]",
    "(cstr)ptr + 1",
    "(unsigned long)(p) & ~(unsigned long)3",
    "(const struct s *)p",
    "(int (*)[3])p",
    "(char *(*)(int, ...))f",
    "x = a ? b : c",
    "(a = b) ? c : x",
    "sizeof ((pt){ 1, 2 })",
    "sizeof ((pt){ 1, 2 }.a)",
    "(tint (void))f",
    "_Alignof (tint) + 1",
    "__alignof__ (struct s) * 2",
    "sizeof (__typeof__ (x)) - 1",
    "(typeof (p)) q",
    "'a' + 1.5",
    "__builtin_offsetof(struct s, next) + __builtin_offsetof(pt, a)",
    "__builtin_va_arg(ap, tint *) + *__builtin_va_arg(ap, cstr *)",
    "__builtin_offsetof(struct s, a.b[2])",
    "0x1f | 10UL",
    "sizeof (tint (*)(cstr, ...))",
];

#[test]
fn tricky_expressions_match_lang_c() {
    let mut failures = Vec::new();
    for expr in TRICKY_EXPRS {
        let text = expr_program(expr);
        match shapes(&text, Place::ReturnExpr) {
            Some((ours, oracle)) if ours != oracle => {
                failures.push(format!("{expr}\n  c-parser: {ours}\n  lang-c:   {oracle}"))
            }
            Some(_) => {}
            None => failures.push(format!("{expr}: lang-c rejects it")),
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Shapes lang-c cannot check (GNU extensions it lacks), with the expected S-expression.
#[test]
fn tricky_expressions_beyond_lang_c() {
    let table: &[(&str, &str)] = &[
        // GNU conditional with the middle operand left out.
        ("a ? : b", "(? a _ b)"),
        ("x = a ? : b ? : c", "(= x (? a _ (? b _ c)))"),
        ("a || b ? : c", "(? (|| a b) _ c)"),
        // lang-c's PEG grammar takes `sizeof ( type-name )` and cannot back out of it.
        ("sizeof (pt){ 1, 2 }", "(sizeof (compound (type pt) {1 2}))"),
        (
            "sizeof (pt){ 1, 2 }.a",
            "(sizeof (. (compound (type pt) {1 2}) a))",
        ),
        (
            "sizeof (struct s){ .a = 1 }.next->a + 1",
            "(+ (sizeof (-> (. (compound (type struct s) {(= .a 1)}) next) a)) 1)",
        ),
    ];
    for (expr, want) in table {
        let text = expr_program(expr);
        assert!(lang_c_shape(&text, Place::ReturnExpr).is_none(), "{expr}");
        assert_eq!(&c_parser_shape(&text, Place::ReturnExpr), want, "{expr}");
    }
}

/// `(T)*p` is a cast only when `T` is a type. c-parser knows the typedefs declared earlier
/// in the file (and `*_t` names and a list of kernel typedefs); any other identifier in
/// parentheses before `*`, `-`, `&` or `+` is read as a parenthesised expression, since
/// without the preprocessor it cannot know better.
#[test]
fn cast_or_parenthesised_expression_depends_on_typedefs() {
    let with_typedef = "typedef int handle;\nint f(void)\n{\n\treturn (handle)*p;\n}\n";
    assert_eq!(
        c_parser_shape(with_typedef, Place::ReturnExpr),
        "(cast (type handle) (* p))"
    );
    let without = "int f(void)\n{\n\treturn (handle)*p;\n}\n";
    assert_eq!(c_parser_shape(without, Place::ReturnExpr), "(* handle p)");
    // A `_t` name is taken as a type by kernel convention.
    let kernel_style = "int f(void)\n{\n\treturn (handle_t)*p;\n}\n";
    assert_eq!(
        c_parser_shape(kernel_style, Place::ReturnExpr),
        "(cast (type handle_t) (* p))"
    );
}

const TRICKY_DECLS: &[&str] = &[
    "int *a[3];",
    "int (*a)[3];",
    "int (*(*fp)(int, char *))[3];",
    "char *(*(*table[4])(void))[8];",
    "void (*signal(int sig, void (*handler)(int)))(int);",
    "int * const * volatile p;",
    "static const char *const names[] = { \"a\", \"b\" };",
    "struct s v = { .a = 1, .next = 0 };",
    "int m[2][3] = { [0] = { 1, 2, 3 }, [1][2] = 4 };",
    "pt pts[] = { { .a = 1, .b = 2 }, [3].a = 5 };",
    "tint x = 1, *y = &x, z[2] = { 0 };",
    "int (*ops[2])(tint, cstr) = { f, g };",
    "cstr (*getter)(const struct s *);",
    "struct bits { unsigned a : 3, : 2, b : 1; tint c : 4; int *d; };",
    "struct w { int a : sizeof (int) * 2, b : (3), : 1 ? 2 : 3; unsigned c : 1 << 2; };",
    "void g(int a[static 3], int b[const 2], int c[*], tint d[]);",
    "int m[] = { [1 ... 3] = 2, 4, };",
    "struct s v[] = { [0].next = &v[1], [1] = { .a = 1, }, };",
    "int * const volatile * restrict p;",
    "extern int (*const fp)(void), (*fps[2])(cstr, ...);",
    "tint (*(*(*nest)[2])(int))[3];",
    "int v(int (n), int (m[2]), char (*(k))(void), int (j(void)));",
    "int (v) = 1, ((w)) [2], (*(x));",
];

/// Declarations at the start of a function body, where c-parser tells them from statements.
const TRICKY_LOCAL_DECLS: &[&str] = &[
    "tint (v);",
    "tint (*v)(int) = 0;",
    "pt (v)[2] = { { 1, 2 } };",
    "cstr (*table)[4], *x;",
    "ULONG v = NR_ITEMS * 2;",
    "tint *v = (tint *)x;",
    "struct s *v = p->next;",
];

#[test]
fn tricky_local_declarations_match_lang_c() {
    let mut failures = Vec::new();
    for decl in TRICKY_LOCAL_DECLS {
        let text = format!("{PRELUDE}void test_fn(void)\n{{\n\t{decl}\n\treturn;\n}}\n");
        match shapes(&text, Place::LocalDeclaration) {
            Some((ours, oracle)) if ours != oracle => {
                failures.push(format!("{decl}\n  c-parser: {ours}\n  lang-c:   {oracle}"))
            }
            Some(_) => {}
            None => failures.push(format!("{decl}: lang-c rejects it")),
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn tricky_declarations_match_lang_c() {
    let mut failures = Vec::new();
    for decl in TRICKY_DECLS {
        let text = format!("{PRELUDE}{decl}\n");
        match shapes(&text, Place::LastDeclaration) {
            Some((ours, oracle)) if ours != oracle => {
                failures.push(format!("{decl}\n  c-parser: {ours}\n  lang-c:   {oracle}"))
            }
            Some(_) => {}
            None => failures.push(format!("{decl}: lang-c rejects it")),
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// C11 6.7.6.3p11: in a parameter, a typedef name in parentheses is a type, not the name of
/// the parameter; lang-c reads it as the name, so this is checked by hand.
#[test]
fn typedef_in_parentheses_is_a_type() {
    let text = format!("{PRELUDE}int v(int (tint));\n");
    assert_eq!(
        c_parser_shape(&text, Place::LastDeclaration),
        "(decl int (v (fn (param int (fn (param tint))))))"
    );
}

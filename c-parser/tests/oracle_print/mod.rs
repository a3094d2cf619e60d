//! Fully parenthesised S-expressions of expressions and declarations, printed from
//! c-parser's tree and from lang-c's AST in one normal form, so the two can be compared.
//!
//! Form: `(op lhs rhs)`, `(cast TYPE e)`, `(sizeof e)`, `(sizeof TYPE)`, `(call f args..)`,
//! `([] a i)`, `(. e f)`, `(-> e f)`, `(post++ e)`, `(? c t e)` (`_` for a missing middle),
//! `(, a b c)` (flattened), `(str "a" "b")`, `(compound TYPE {items})`; parentheses vanish.
//! Types: `(type SPECS DERIV..)` where the derivations read from the name outwards: `ptr`,
//! `ptr:const`, `[3]`, `[]`, `(fn PARAM..)`. Declarations: `(decl SPECS (name DERIV.. = init))`.

use c_parser::{parse, ParseOptions, SyntaxElement, SyntaxKind, SyntaxNode};
use lang_c::ast;
use lang_c::driver::{parse_preprocessed, Config};
use lang_c::span::Node;

#[derive(Clone, Copy, Debug)]
pub enum Place {
    /// The operand of the `return` in the last function of the file.
    ReturnExpr,
    /// The last top-level declaration of the file.
    LastDeclaration,
    /// The first declaration in the body of the last function of the file.
    LocalDeclaration,
    /// The first statement of the last function, an expression statement.
    ExprStatement,
    /// The head (specifiers and declarator) of the last function definition.
    FunctionHead,
}

// ---------------------------------------------------------------- c-parser ----

pub fn c_parser_shape(text: &str, place: Place) -> String {
    let parse = parse(text, &ParseOptions::default());
    let prefix = if parse.errors.is_empty() {
        String::new()
    } else {
        format!("!errors {:?} ", parse.errors)
    };
    let root = parse.root;
    let shape = match place {
        Place::ReturnExpr => root
            .children()
            .filter(|n| n.kind() == SyntaxKind::FUNCTION_DEF)
            .last()
            .and_then(|f| child(&f, SyntaxKind::COMPOUND_STMT))
            .and_then(|body| child(&body, SyntaxKind::RETURN_STMT))
            .and_then(|ret| ret.children().next())
            .map(|e| expr(&e))
            .unwrap_or_else(|| "<no return expression>".to_string()),
        Place::LastDeclaration => root
            .children()
            .filter(|n| n.kind() == SyntaxKind::DECLARATION)
            .last()
            .map(|d| declaration(&d))
            .unwrap_or_else(|| "<no declaration>".to_string()),
        Place::LocalDeclaration => root
            .children()
            .filter(|n| n.kind() == SyntaxKind::FUNCTION_DEF)
            .last()
            .and_then(|f| child(&f, SyntaxKind::COMPOUND_STMT))
            .and_then(|body| body.children().next())
            .map(|d| {
                if d.kind() == SyntaxKind::DECLARATION {
                    declaration(&d)
                } else {
                    format!("<{:?} not a declaration>", d.kind())
                }
            })
            .unwrap_or_else(|| "<no local declaration>".to_string()),
        Place::ExprStatement => root
            .children()
            .filter(|n| n.kind() == SyntaxKind::FUNCTION_DEF)
            .last()
            .and_then(|f| child(&f, SyntaxKind::COMPOUND_STMT))
            .and_then(|body| body.children().next())
            .map(|s| match s.children().next() {
                Some(e) if s.kind() == SyntaxKind::EXPR_STMT => expr(&e),
                _ => format!("<{:?} not an expression statement>", s.kind()),
            })
            .unwrap_or_else(|| "<no statement>".to_string()),
        Place::FunctionHead => root
            .children()
            .filter(|n| n.kind() == SyntaxKind::FUNCTION_DEF)
            .last()
            .map(|f| {
                let specs = child(&f, SyntaxKind::DECL_SPECS)
                    .map(|s| specs(&s))
                    .unwrap_or_default();
                let d = f.children().find(|k| is_declarator(k.kind()));
                let (name, derivs) = declarator(d.as_ref());
                let item: Vec<String> = name.into_iter().chain(derivs).collect();
                sexp("fndef", [specs, format!("({})", item.join(" "))])
            })
            .unwrap_or_else(|| "<no function>".to_string()),
    };
    prefix + &shape
}

fn child(node: &SyntaxNode, kind: SyntaxKind) -> Option<SyntaxNode> {
    node.children().find(|n| n.kind() == kind)
}

fn significant_tokens(node: &SyntaxNode) -> Vec<String> {
    node.descendants_with_tokens()
        .filter_map(|e| e.into_token())
        .filter(|t| !t.kind().is_trivia())
        .map(|t| t.text().to_string())
        .collect()
}

/// The significant tokens directly under `node` (not in child nodes).
fn own_tokens(node: &SyntaxNode) -> Vec<String> {
    node.children_with_tokens()
        .filter_map(SyntaxElement::into_token)
        .filter(|t| !t.kind().is_trivia())
        .map(|t| t.text().to_string())
        .collect()
}

fn sexp(head: &str, parts: impl IntoIterator<Item = String>) -> String {
    let mut s = format!("({head}");
    for p in parts {
        s.push(' ');
        s.push_str(&p);
    }
    s.push(')');
    s
}

fn expr(node: &SyntaxNode) -> String {
    use SyntaxKind::*;
    let kids: Vec<SyntaxNode> = node.children().collect();
    let ops = own_tokens(node);
    let op = ops.first().cloned().unwrap_or_default();
    match node.kind() {
        NAME_REF | LITERAL => significant_tokens(node).join(" "),
        STRING_EXPR => sexp("str", significant_tokens(node)),
        PAREN_EXPR if kids.len() == 1 => expr(&kids[0]),
        BIN_EXPR | ASSIGN_EXPR if kids.len() == 2 => sexp(&op, [expr(&kids[0]), expr(&kids[1])]),
        PREFIX_EXPR if kids.len() == 1 => sexp(&op, [expr(&kids[0])]),
        POSTFIX_EXPR if kids.len() == 1 => sexp(&format!("post{op}"), [expr(&kids[0])]),
        CAST_EXPR if kids.len() == 2 => sexp("cast", [type_name(&kids[0]), expr(&kids[1])]),
        SIZEOF_EXPR | ALIGNOF_EXPR if kids.len() == 1 => {
            let head = if node.kind() == SIZEOF_EXPR {
                "sizeof"
            } else {
                "alignof"
            };
            let operand = if kids[0].kind() == TYPE_NAME {
                type_name(&kids[0])
            } else {
                expr(&kids[0])
            };
            sexp(head, [operand])
        }
        CALL_EXPR if kids.len() == 2 => {
            let args = kids[1].children().map(|a| {
                if a.kind() == TYPE_NAME {
                    type_name(&a)
                } else {
                    expr(&a)
                }
            });
            sexp("call", std::iter::once(expr(&kids[0])).chain(args))
        }
        INDEX_EXPR if kids.len() == 2 => sexp("[]", [expr(&kids[0]), expr(&kids[1])]),
        FIELD_EXPR if kids.len() == 1 && ops.len() == 2 => {
            sexp(&ops[0], [expr(&kids[0]), ops[1].clone()])
        }
        COND_EXPR if kids.len() == 3 => sexp("?", kids.iter().map(expr)),
        COND_EXPR if kids.len() == 2 => {
            sexp("?", [expr(&kids[0]), "_".to_string(), expr(&kids[1])])
        }
        COMMA_EXPR => {
            let mut items = Vec::new();
            flatten_comma(node, &mut items);
            sexp(",", items)
        }
        COMPOUND_LITERAL if kids.len() == 2 => {
            sexp("compound", [type_name(&kids[0]), init(&kids[1])])
        }
        INITIALIZER_LIST => init(node),
        kind => format!("<{kind:?} {}>", significant_tokens(node).join(" ")),
    }
}

fn flatten_comma(node: &SyntaxNode, items: &mut Vec<String>) {
    for k in node.children() {
        if k.kind() == SyntaxKind::COMMA_EXPR {
            flatten_comma(&k, items);
        } else {
            items.push(expr(&k));
        }
    }
}

fn init(node: &SyntaxNode) -> String {
    use SyntaxKind::*;
    match node.kind() {
        INITIALIZER_LIST => {
            let items: Vec<String> = node.children().map(|i| init(&i)).collect();
            format!("{{{}}}", items.join(" "))
        }
        DESIGNATED_INIT => {
            let mut parts = Vec::new();
            for k in node.children() {
                if k.kind() == DESIGNATOR {
                    let bounds: Vec<String> = k.children().map(|b| expr(&b)).collect();
                    match bounds.len() {
                        0 => parts.push(own_tokens(&k).concat()),
                        1 => parts.push(format!("[{}]", bounds[0])),
                        _ => parts.push(format!("[{}]", bounds.join(" ... "))),
                    }
                } else {
                    parts.push(init(&k));
                }
            }
            sexp("=", parts)
        }
        _ => expr(node),
    }
}

fn is_declarator(kind: SyntaxKind) -> bool {
    use SyntaxKind::*;
    matches!(
        kind,
        NAME | POINTER_DECLARATOR | PAREN_DECLARATOR | ARRAY_DECLARATOR | FUNCTION_DECLARATOR
    )
}

fn specs(node: &SyntaxNode) -> String {
    let mut out = Vec::new();
    for e in node.children_with_tokens() {
        match e {
            SyntaxElement::Token(t) if !t.kind().is_trivia() => out.push(t.text().to_string()),
            SyntaxElement::Token(_) => {}
            SyntaxElement::Node(n) if n.kind() == SyntaxKind::ENUM_SPEC => {
                let mut s = own_tokens(&n).join(" ");
                if let Some(list) = child(&n, SyntaxKind::ENUMERATOR_LIST) {
                    let items: Vec<String> = list
                        .children()
                        .map(|e| {
                            let name = own_tokens(&e).first().cloned().unwrap_or_default();
                            match e.children().next() {
                                Some(v) => sexp("=", [name, expr(&v)]),
                                None => name,
                            }
                        })
                        .collect();
                    s.push_str(&format!(" {{{}}}", items.join(" ")));
                }
                out.push(s);
            }
            SyntaxElement::Node(n)
                if matches!(n.kind(), SyntaxKind::STRUCT_SPEC | SyntaxKind::UNION_SPEC) =>
            {
                let mut s = own_tokens(&n).join(" ");
                if let Some(fields) = child(&n, SyntaxKind::FIELD_LIST) {
                    let fs: Vec<String> = fields
                        .children()
                        .map(|f| {
                            if f.kind() == SyntaxKind::FIELD_DECL {
                                declaration_like("field", &f)
                            } else {
                                format!("<{:?}>", f.kind())
                            }
                        })
                        .collect();
                    s.push_str(&format!(" {{{}}}", fs.join(" ")));
                }
                out.push(s);
            }
            SyntaxElement::Node(n) if n.kind() == SyntaxKind::TYPEOF_SPEC => {
                let operand = match n.children().next() {
                    Some(t) if t.kind() == SyntaxKind::TYPE_NAME => type_name(&t),
                    Some(e) => expr(&e),
                    None => String::new(),
                };
                out.push(sexp("typeof", [operand]));
            }
            SyntaxElement::Node(n) => out.push(significant_tokens(&n).join(" ")),
        }
    }
    out.join(" ")
}

/// `(name DERIV..)` of a declarator, derivations from the name outwards.
fn declarator(node: Option<&SyntaxNode>) -> (Option<String>, Vec<String>) {
    use SyntaxKind::*;
    let Some(node) = node else {
        return (None, Vec::new());
    };
    let inner = node.children().find(|k| is_declarator(k.kind()));
    match node.kind() {
        NAME => (Some(significant_tokens(node).concat()), Vec::new()),
        PAREN_DECLARATOR => declarator(inner.as_ref()),
        POINTER_DECLARATOR => {
            let (name, mut derivs) = declarator(inner.as_ref());
            let quals: Vec<String> = own_tokens(node).into_iter().skip(1).collect();
            derivs.push(if quals.is_empty() {
                "ptr".to_string()
            } else {
                format!("ptr:{}", quals.join(":"))
            });
            (name, derivs)
        }
        ARRAY_DECLARATOR => {
            let (name, mut derivs) = declarator(inner.as_ref());
            let size = node
                .children()
                .find(|k| !is_declarator(k.kind()))
                .map(|e| expr(&e))
                .unwrap_or_else(|| {
                    // `[*]`: a variable length array of unspecified size.
                    let star = own_tokens(node).iter().any(|t| t == "*");
                    if star {
                        "*".to_string()
                    } else {
                        String::new()
                    }
                });
            derivs.push(format!("[{size}]"));
            (name, derivs)
        }
        FUNCTION_DECLARATOR => {
            let (name, mut derivs) = declarator(inner.as_ref());
            let mut params = Vec::new();
            if let Some(list) = child(node, PARAM_LIST) {
                for e in list.children_with_tokens() {
                    match e {
                        SyntaxElement::Node(p) if p.kind() == PARAM => params.push(param(&p)),
                        SyntaxElement::Node(p) => params.push(format!("<{:?}>", p.kind())),
                        SyntaxElement::Token(t) if t.kind() == ELLIPSIS => {
                            params.push("...".to_string())
                        }
                        SyntaxElement::Token(_) => {}
                    }
                }
            }
            derivs.push(sexp("fn", params));
            (name, derivs)
        }
        kind => (Some(format!("<{kind:?}>")), Vec::new()),
    }
}

fn param(node: &SyntaxNode) -> String {
    let specs = child(node, SyntaxKind::DECL_SPECS)
        .map(|s| specs(&s))
        .unwrap_or_default();
    let d = node.children().find(|k| is_declarator(k.kind()));
    let (name, derivs) = declarator(d.as_ref());
    sexp("param", std::iter::once(specs).chain(name).chain(derivs))
}

fn type_name(node: &SyntaxNode) -> String {
    if node.kind() != SyntaxKind::TYPE_NAME {
        return format!("<{:?} not a type>", node.kind());
    }
    let specs = child(node, SyntaxKind::DECL_SPECS)
        .map(|s| specs(&s))
        .unwrap_or_default();
    let d = node.children().find(|k| is_declarator(k.kind()));
    let (name, derivs) = declarator(d.as_ref());
    sexp("type", std::iter::once(specs).chain(name).chain(derivs))
}

fn declaration(node: &SyntaxNode) -> String {
    declaration_like("decl", node)
}

fn declaration_like(head: &str, node: &SyntaxNode) -> String {
    use SyntaxKind::*;
    let specs = child(node, DECL_SPECS)
        .map(|s| specs(&s))
        .unwrap_or_default();
    let mut parts = vec![specs];
    for k in node.children() {
        match k.kind() {
            DECL_SPECS => {}
            INIT_DECLARATOR => {
                let d = k.children().find(|c| is_declarator(c.kind()));
                let (name, derivs) = declarator(d.as_ref());
                let mut item: Vec<String> = name.into_iter().chain(derivs).collect();
                for c in k.children().filter(|c| !is_declarator(c.kind())) {
                    if c.kind() == BIT_FIELD {
                        let width = c.children().next().map(|w| expr(&w)).unwrap_or_default();
                        item.push(format!(": {width}"));
                    } else {
                        item.push(format!("= {}", init(&c)));
                    }
                }
                parts.push(format!("({})", item.join(" ")));
            }
            other => parts.push(format!("<{other:?}>")),
        }
    }
    sexp(head, parts)
}

// ------------------------------------------------------------------ lang-c ----

/// The shape lang-c sees, or `None` when it rejects the text.
pub fn lang_c_shape(text: &str, place: Place) -> Option<String> {
    let parsed = parse_preprocessed(&Config::with_gcc(), text.to_string()).ok()?;
    let items = &parsed.unit.0;
    match place {
        Place::ReturnExpr => {
            let f = items.iter().rev().find_map(|i| match &i.node {
                ast::ExternalDeclaration::FunctionDefinition(f) => Some(f),
                _ => None,
            })?;
            let ast::Statement::Compound(body) = &f.node.statement.node else {
                return None;
            };
            body.iter().find_map(|b| match &b.node {
                ast::BlockItem::Statement(s) => match &s.node {
                    ast::Statement::Return(Some(e)) => Some(lc_expr(e)),
                    _ => None,
                },
                _ => None,
            })
        }
        Place::LastDeclaration => items.iter().rev().find_map(|i| match &i.node {
            ast::ExternalDeclaration::Declaration(d) => Some(lc_declaration(&d.node)),
            _ => None,
        }),
        Place::LocalDeclaration => {
            let f = items.iter().rev().find_map(|i| match &i.node {
                ast::ExternalDeclaration::FunctionDefinition(f) => Some(f),
                _ => None,
            })?;
            let ast::Statement::Compound(body) = &f.node.statement.node else {
                return None;
            };
            match &body.first()?.node {
                ast::BlockItem::Declaration(d) => Some(lc_declaration(&d.node)),
                other => Some(format!("<lang-c {other:?}>")),
            }
        }
        Place::FunctionHead => {
            let f = items.iter().rev().find_map(|i| match &i.node {
                ast::ExternalDeclaration::FunctionDefinition(f) => Some(f),
                _ => None,
            })?;
            let specs = lc_declaration_specifiers(&f.node.specifiers);
            let (name, derivs) = lc_declarator(Some(&f.node.declarator));
            let item: Vec<String> = name.into_iter().chain(derivs).collect();
            Some(sexp("fndef", [specs, format!("({})", item.join(" "))]))
        }
        Place::ExprStatement => {
            let f = items.iter().rev().find_map(|i| match &i.node {
                ast::ExternalDeclaration::FunctionDefinition(f) => Some(f),
                _ => None,
            })?;
            let ast::Statement::Compound(body) = &f.node.statement.node else {
                return None;
            };
            match &body.first()?.node {
                ast::BlockItem::Statement(s) => match &s.node {
                    ast::Statement::Expression(Some(e)) => Some(lc_expr(e)),
                    other => Some(format!("<lang-c {other:?}>")),
                },
                other => Some(format!("<lang-c {other:?}>")),
            }
        }
    }
}

fn lc_expr(e: &Node<ast::Expression>) -> String {
    use ast::Expression as E;
    match &e.node {
        E::Identifier(id) => id.node.name.clone(),
        E::Constant(c) => match &c.node {
            // Back to the spelling: lang-c splits off the base and the suffix.
            ast::Constant::Integer(i) => {
                let base = match i.base {
                    ast::IntegerBase::Hexadecimal => "0x",
                    ast::IntegerBase::Octal => "0",
                    ast::IntegerBase::Binary => "0b",
                    ast::IntegerBase::Decimal => "",
                };
                let mut suffix = String::new();
                if i.suffix.unsigned {
                    suffix.push('U');
                }
                suffix.push_str(match i.suffix.size {
                    ast::IntegerSize::Int => "",
                    ast::IntegerSize::Long => "L",
                    ast::IntegerSize::LongLong => "LL",
                });
                format!("{base}{}{suffix}", i.number)
            }
            ast::Constant::Float(f) => {
                let suffix = match f.suffix.format {
                    ast::FloatFormat::Float => "f",
                    ast::FloatFormat::LongDouble => "L",
                    _ => "",
                };
                format!("{}{suffix}", f.number)
            }
            ast::Constant::Character(c) => c.clone(),
        },
        E::StringLiteral(s) => sexp("str", s.node.iter().cloned()),
        E::Member(m) => {
            let op = match m.node.operator.node {
                ast::MemberOperator::Direct => ".",
                ast::MemberOperator::Indirect => "->",
            };
            sexp(
                op,
                [
                    lc_expr(&m.node.expression),
                    m.node.identifier.node.name.clone(),
                ],
            )
        }
        E::Call(c) => sexp(
            "call",
            std::iter::once(lc_expr(&c.node.callee)).chain(c.node.arguments.iter().map(lc_expr)),
        ),
        E::CompoundLiteral(c) => sexp(
            "compound",
            [
                lc_type_name(&c.node.type_name.node),
                lc_init_list(&c.node.initializer_list),
            ],
        ),
        E::SizeOfTy(t) => sexp("sizeof", [lc_type_name(&t.node.0.node)]),
        E::SizeOfVal(v) => sexp("sizeof", [lc_expr(&v.node.0)]),
        E::AlignOf(t) => sexp("alignof", [lc_type_name(&t.node.0.node)]),
        E::UnaryOperator(u) => {
            use ast::UnaryOperator as U;
            let op = match u.node.operator.node {
                U::PostIncrement => "post++",
                U::PostDecrement => "post--",
                U::PreIncrement => "++",
                U::PreDecrement => "--",
                U::Address => "&",
                U::Indirection => "*",
                U::Plus => "+",
                U::Minus => "-",
                U::Complement => "~",
                U::Negate => "!",
            };
            sexp(op, [lc_expr(&u.node.operand)])
        }
        E::Cast(c) => sexp(
            "cast",
            [
                lc_type_name(&c.node.type_name.node),
                lc_expr(&c.node.expression),
            ],
        ),
        E::BinaryOperator(b) => {
            use ast::BinaryOperator as B;
            let op = match b.node.operator.node {
                B::Index => "[]",
                B::Multiply => "*",
                B::Divide => "/",
                B::Modulo => "%",
                B::Plus => "+",
                B::Minus => "-",
                B::ShiftLeft => "<<",
                B::ShiftRight => ">>",
                B::Less => "<",
                B::Greater => ">",
                B::LessOrEqual => "<=",
                B::GreaterOrEqual => ">=",
                B::Equals => "==",
                B::NotEquals => "!=",
                B::BitwiseAnd => "&",
                B::BitwiseXor => "^",
                B::BitwiseOr => "|",
                B::LogicalAnd => "&&",
                B::LogicalOr => "||",
                B::Assign => "=",
                B::AssignMultiply => "*=",
                B::AssignDivide => "/=",
                B::AssignModulo => "%=",
                B::AssignPlus => "+=",
                B::AssignMinus => "-=",
                B::AssignShiftLeft => "<<=",
                B::AssignShiftRight => ">>=",
                B::AssignBitwiseAnd => "&=",
                B::AssignBitwiseXor => "^=",
                B::AssignBitwiseOr => "|=",
            };
            sexp(op, [lc_expr(&b.node.lhs), lc_expr(&b.node.rhs)])
        }
        E::Conditional(c) => sexp(
            "?",
            [
                lc_expr(&c.node.condition),
                lc_expr(&c.node.then_expression),
                lc_expr(&c.node.else_expression),
            ],
        ),
        // A parenthesised `(a, b), c` stays nested in both trees; a plain chain is flat.
        E::Comma(items) => sexp(",", items.iter().map(lc_expr)),
        // c-parser reads these builtins as calls with a type-name argument.
        E::VaArg(v) => sexp(
            "call",
            [
                "__builtin_va_arg".to_string(),
                lc_expr(&v.node.va_list),
                lc_type_name(&v.node.type_name.node),
            ],
        ),
        E::OffsetOf(o) => {
            let mut member = o.node.designator.node.base.node.name.clone();
            for m in &o.node.designator.node.members {
                member = match &m.node {
                    ast::OffsetMember::Member(id) => sexp(".", [member, id.node.name.clone()]),
                    ast::OffsetMember::IndirectMember(id) => {
                        sexp("->", [member, id.node.name.clone()])
                    }
                    ast::OffsetMember::Index(e) => sexp("[]", [member, lc_expr(e)]),
                };
            }
            sexp(
                "call",
                [
                    "__builtin_offsetof".to_string(),
                    lc_type_name(&o.node.type_name.node),
                    member,
                ],
            )
        }
        other => format!("<lang-c {other:?}>"),
    }
}

fn lc_init(i: &Node<ast::Initializer>) -> String {
    match &i.node {
        ast::Initializer::Expression(e) => lc_expr(e),
        ast::Initializer::List(items) => lc_init_list(items),
    }
}

fn lc_init_list(items: &[Node<ast::InitializerListItem>]) -> String {
    let items: Vec<String> = items
        .iter()
        .map(|item| {
            if item.node.designation.is_empty() {
                return lc_init(&item.node.initializer);
            }
            let mut parts: Vec<String> = item
                .node
                .designation
                .iter()
                .map(|d| match &d.node {
                    ast::Designator::Index(e) => format!("[{}]", lc_expr(e)),
                    ast::Designator::Member(id) => format!(".{}", id.node.name),
                    ast::Designator::Range(r) => {
                        format!("[{} ... {}]", lc_expr(&r.node.from), lc_expr(&r.node.to))
                    }
                })
                .collect();
            parts.push(lc_init(&item.node.initializer));
            sexp("=", parts)
        })
        .collect();
    format!("{{{}}}", items.join(" "))
}

fn lc_type_specifier(t: &ast::TypeSpecifier) -> String {
    use ast::TypeSpecifier as T;
    match t {
        T::Void => "void".into(),
        T::Char => "char".into(),
        T::Short => "short".into(),
        T::Int => "int".into(),
        T::Long => "long".into(),
        T::Float => "float".into(),
        T::Double => "double".into(),
        T::Signed => "signed".into(),
        T::Unsigned => "unsigned".into(),
        T::Bool => "_Bool".into(),
        T::TypedefName(id) => id.node.name.clone(),
        T::Enum(e) => {
            let mut out = "enum".to_string();
            if let Some(id) = &e.node.identifier {
                out.push(' ');
                out.push_str(&id.node.name);
            }
            if !e.node.enumerators.is_empty() {
                let items: Vec<String> = e
                    .node
                    .enumerators
                    .iter()
                    .map(|en| {
                        let name = en.node.identifier.node.name.clone();
                        match &en.node.expression {
                            Some(v) => sexp("=", [name, lc_expr(v)]),
                            None => name,
                        }
                    })
                    .collect();
                out.push_str(&format!(" {{{}}}", items.join(" ")));
            }
            out
        }
        T::TypeOf(t) => match &t.node {
            ast::TypeOf::Expression(e) => sexp("typeof", [lc_expr(e)]),
            ast::TypeOf::Type(t) => sexp("typeof", [lc_type_name(&t.node)]),
        },
        T::Struct(s) => {
            let kind = match s.node.kind.node {
                ast::StructKind::Struct => "struct",
                ast::StructKind::Union => "union",
            };
            let mut out = kind.to_string();
            if let Some(id) = &s.node.identifier {
                out.push(' ');
                out.push_str(&id.node.name);
            }
            if let Some(decls) = &s.node.declarations {
                let fs: Vec<String> = decls
                    .iter()
                    .map(|d| match &d.node {
                        ast::StructDeclaration::Field(f) => lc_field(&f.node),
                        ast::StructDeclaration::StaticAssert(_) => "<static assert>".into(),
                    })
                    .collect();
                out.push_str(&format!(" {{{}}}", fs.join(" ")));
            }
            out
        }
        other => format!("<lang-c {other:?}>"),
    }
}

fn lc_qualifier(q: &ast::TypeQualifier) -> String {
    match q {
        ast::TypeQualifier::Const => "const".into(),
        ast::TypeQualifier::Volatile => "volatile".into(),
        ast::TypeQualifier::Restrict => "restrict".into(),
        other => format!("<lang-c {other:?}>"),
    }
}

fn lc_specifier_qualifiers(specs: &[Node<ast::SpecifierQualifier>]) -> String {
    let parts: Vec<String> = specs
        .iter()
        .map(|s| match &s.node {
            ast::SpecifierQualifier::TypeSpecifier(t) => lc_type_specifier(&t.node),
            ast::SpecifierQualifier::TypeQualifier(q) => lc_qualifier(&q.node),
            ast::SpecifierQualifier::Extension(_) => "<extension>".into(),
        })
        .collect();
    parts.join(" ")
}

fn lc_declaration_specifiers(specs: &[Node<ast::DeclarationSpecifier>]) -> String {
    use ast::DeclarationSpecifier as D;
    let parts: Vec<String> = specs
        .iter()
        .map(|s| match &s.node {
            D::StorageClass(c) => match c.node {
                ast::StorageClassSpecifier::Typedef => "typedef".into(),
                ast::StorageClassSpecifier::Extern => "extern".into(),
                ast::StorageClassSpecifier::Static => "static".into(),
                ast::StorageClassSpecifier::Register => "register".into(),
                ast::StorageClassSpecifier::Auto => "auto".into(),
                ast::StorageClassSpecifier::ThreadLocal => "_Thread_local".into(),
            },
            D::TypeSpecifier(t) => lc_type_specifier(&t.node),
            D::TypeQualifier(q) => lc_qualifier(&q.node),
            D::Function(f) => match f.node {
                ast::FunctionSpecifier::Inline => "inline".into(),
                ast::FunctionSpecifier::Noreturn => "_Noreturn".into(),
            },
            other => format!("<lang-c {other:?}>"),
        })
        .collect();
    parts.join(" ")
}

fn lc_declarator(d: Option<&Node<ast::Declarator>>) -> (Option<String>, Vec<String>) {
    let Some(d) = d else {
        return (None, Vec::new());
    };
    let (name, mut derivs) = match &d.node.kind.node {
        ast::DeclaratorKind::Abstract => (None, Vec::new()),
        ast::DeclaratorKind::Identifier(id) => (Some(id.node.name.clone()), Vec::new()),
        ast::DeclaratorKind::Declarator(inner) => lc_declarator(Some(inner)),
    };
    // lang-c lists a level's pointers (in source order) before its suffixes; suffixes bind
    // tighter and the `*` nearest the name binds first.
    let mut pointers = Vec::new();
    for derived in &d.node.derived {
        match &derived.node {
            ast::DerivedDeclarator::Pointer(quals) => {
                let qs: Vec<String> = quals
                    .iter()
                    .map(|q| match &q.node {
                        ast::PointerQualifier::TypeQualifier(t) => lc_qualifier(&t.node),
                        ast::PointerQualifier::Extension(_) => "<extension>".into(),
                    })
                    .collect();
                pointers.push(if qs.is_empty() {
                    "ptr".to_string()
                } else {
                    format!("ptr:{}", qs.join(":"))
                });
            }
            ast::DerivedDeclarator::Array(a) => {
                let size = match &a.node.size {
                    ast::ArraySize::Unknown => String::new(),
                    ast::ArraySize::VariableUnknown => "*".into(),
                    ast::ArraySize::VariableExpression(e) | ast::ArraySize::StaticExpression(e) => {
                        lc_expr(e)
                    }
                };
                derivs.push(format!("[{size}]"));
            }
            ast::DerivedDeclarator::Function(f) => {
                let mut params: Vec<String> = f
                    .node
                    .parameters
                    .iter()
                    .map(|p| {
                        let specs = lc_declaration_specifiers(&p.node.specifiers);
                        let (name, derivs) = lc_declarator(p.node.declarator.as_ref());
                        sexp("param", std::iter::once(specs).chain(name).chain(derivs))
                    })
                    .collect();
                if matches!(f.node.ellipsis, ast::Ellipsis::Some) {
                    params.push("...".into());
                }
                derivs.push(sexp("fn", params));
            }
            ast::DerivedDeclarator::KRFunction(ids) => {
                let names: Vec<String> = ids.iter().map(|i| i.node.name.clone()).collect();
                derivs.push(sexp("fn", names));
            }
            ast::DerivedDeclarator::Block(_) => derivs.push("<block>".into()),
        }
    }
    derivs.extend(pointers.into_iter().rev());
    (name, derivs)
}

fn lc_type_name(t: &ast::TypeName) -> String {
    let specs = lc_specifier_qualifiers(&t.specifiers);
    let (name, derivs) = lc_declarator(t.declarator.as_ref());
    sexp("type", std::iter::once(specs).chain(name).chain(derivs))
}

fn lc_field(f: &ast::StructField) -> String {
    let mut parts = vec![lc_specifier_qualifiers(&f.specifiers)];
    for d in &f.declarators {
        let (name, derivs) = lc_declarator(d.node.declarator.as_ref());
        let mut item: Vec<String> = name.into_iter().chain(derivs).collect();
        if let Some(w) = &d.node.bit_width {
            item.push(format!(": {}", lc_expr(w)));
        }
        parts.push(format!("({})", item.join(" ")));
    }
    sexp("field", parts)
}

fn lc_declaration(d: &ast::Declaration) -> String {
    let mut parts = vec![lc_declaration_specifiers(&d.specifiers)];
    for i in &d.declarators {
        let (name, derivs) = lc_declarator(Some(&i.node.declarator));
        let mut item: Vec<String> = name.into_iter().chain(derivs).collect();
        if let Some(init) = &i.node.initializer {
            item.push(format!("= {}", lc_init(init)));
        }
        parts.push(format!("({})", item.join(" ")));
    }
    sexp("decl", parts)
}

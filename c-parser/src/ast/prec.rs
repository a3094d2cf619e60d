//! C operator precedence on the typed tree: how tightly an expression binds as a whole, and
//! how tightly the place an expression stands in requires it to bind. Code that puts one
//! expression in another's place (a rewrite) asks both to decide on parentheses, instead of
//! guessing operators from text.

use super::{AstNode, BinExpr, CondExpr, Expr};
use crate::SyntaxKind::{self, *};
use crate::SyntaxNode;

/// C precedence levels, loosest first. `Postfix` covers primary expressions too.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Prec {
    Comma,
    Assign,
    Conditional,
    LogicalOr,
    LogicalAnd,
    BitOr,
    BitXor,
    BitAnd,
    Equality,
    Relational,
    Shift,
    Additive,
    Multiplicative,
    Unary,
    Postfix,
}

impl Prec {
    /// The level of a binary operator token.
    pub fn of_binary_operator(kind: SyntaxKind) -> Option<Prec> {
        Some(match kind {
            PIPE2 => Prec::LogicalOr,
            AMP2 => Prec::LogicalAnd,
            PIPE => Prec::BitOr,
            CARET => Prec::BitXor,
            AMP => Prec::BitAnd,
            EQ2 | NEQ => Prec::Equality,
            LT | GT | LE | GE => Prec::Relational,
            SHL | SHR => Prec::Shift,
            PLUS | MINUS => Prec::Additive,
            STAR | SLASH | PERCENT => Prec::Multiplicative,
            _ => return None,
        })
    }

    /// The next level binding tighter (`Postfix` is the tightest).
    pub fn tighter(self) -> Prec {
        match self {
            Prec::Comma => Prec::Assign,
            Prec::Assign => Prec::Conditional,
            Prec::Conditional => Prec::LogicalOr,
            Prec::LogicalOr => Prec::LogicalAnd,
            Prec::LogicalAnd => Prec::BitOr,
            Prec::BitOr => Prec::BitXor,
            Prec::BitXor => Prec::BitAnd,
            Prec::BitAnd => Prec::Equality,
            Prec::Equality => Prec::Relational,
            Prec::Relational => Prec::Shift,
            Prec::Shift => Prec::Additive,
            Prec::Additive => Prec::Multiplicative,
            Prec::Multiplicative => Prec::Unary,
            Prec::Unary | Prec::Postfix => Prec::Postfix,
        }
    }
}

/// Whether a token is an assignment operator (`=`, `+=`, ...).
pub fn is_assignment_operator(kind: SyntaxKind) -> bool {
    matches!(
        kind,
        EQ | PLUS_EQ
            | MINUS_EQ
            | STAR_EQ
            | SLASH_EQ
            | PERCENT_EQ
            | AMP_EQ
            | PIPE_EQ
            | CARET_EQ
            | SHL_EQ
            | SHR_EQ
    )
}

impl Expr {
    /// How tightly the expression binds as a whole: the level of its top operator.
    pub fn prec(&self) -> Prec {
        match self.kind() {
            COMMA_EXPR => Prec::Comma,
            ASSIGN_EXPR => Prec::Assign,
            COND_EXPR => Prec::Conditional,
            BIN_EXPR => self
                .to::<BinExpr>()
                .and_then(|b| b.op())
                .and_then(|op| Prec::of_binary_operator(op.kind()))
                // A binary operator metavariable (`a op b`): as loose as any binary operator.
                .unwrap_or(Prec::LogicalOr),
            PREFIX_EXPR | CAST_EXPR | SIZEOF_EXPR | ALIGNOF_EXPR | LABEL_ADDR_EXPR => Prec::Unary,
            _ => Prec::Postfix,
        }
    }
}

/// The precedence an expression needs to stand, without parentheses, where `slot` (an
/// expression node) stands in its parent. Left-associative operators take an operand of their
/// own level on the left and only a tighter one on the right; assignment and `?:` associate to
/// the right.
pub fn required_prec(slot: &SyntaxNode) -> Prec {
    let Some(parent) = slot.parent() else {
        return Prec::Comma;
    };
    let first = first_expr_child(&parent).as_ref() == Some(slot);
    match parent.kind() {
        BIN_EXPR => {
            let level = Expr::cast(parent.clone()).map_or(Prec::Postfix, |e| e.prec());
            if first {
                level
            } else {
                level.tighter()
            }
        }
        ASSIGN_EXPR if first => Prec::Unary,
        ASSIGN_EXPR => Prec::Assign,
        COND_EXPR => cond_operand_requirement(&parent, slot),
        COMMA_EXPR => Prec::Assign,
        PREFIX_EXPR | CAST_EXPR | SIZEOF_EXPR | ALIGNOF_EXPR => Prec::Unary,
        // The operand left of `(`, `[`, `.`, `->`, `++`: the callee, base or operand.
        CALL_EXPR | INDEX_EXPR | FIELD_EXPR | POSTFIX_EXPR if first => Prec::Postfix,
        // Arguments, initializers and declarators are separated by commas.
        ARG_LIST | INITIALIZER_LIST | DESIGNATED_INIT | INIT_DECLARATOR => Prec::Assign,
        _ => Prec::Comma,
    }
}

fn cond_operand_requirement(parent: &SyntaxNode, slot: &SyntaxNode) -> Prec {
    let Some(cond) = CondExpr::cast(parent.clone()) else {
        return Prec::Comma;
    };
    if cond.condition().is_some_and(|c| c.syntax() == slot) {
        Prec::LogicalOr
    } else if cond.else_expr().is_some_and(|e| e.syntax() == slot) {
        Prec::Conditional
    } else {
        // Between `?` and `:` anything goes, as inside parentheses.
        Prec::Comma
    }
}

fn first_expr_child(node: &SyntaxNode) -> Option<SyntaxNode> {
    node.children().find(|c| super::is_expr(c.kind()))
}

/// The outermost expression node that is exactly the code of `node` (a name inside a
/// `NAME_REF`, an operand written alone): the node that stands in its parent's slot.
pub fn outermost_same_range(node: SyntaxNode) -> SyntaxNode {
    let mut slot = node;
    while let Some(parent) = slot.parent() {
        if !super::is_expr(parent.kind()) || parent.text_range() != slot.text_range() {
            break;
        }
        slot = parent;
    }
    slot
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{parse, ParseOptions};

    /// Every expression of `int f(void) { return EXPR; }` with its precedence and the one
    /// its place requires, outermost first.
    fn levels(expr: &str) -> Vec<(String, Prec, Prec)> {
        let text = format!("int f(void) {{ return {expr}; }}");
        let parse = parse(&text, &ParseOptions::default());
        parse
            .root
            .descendants()
            .filter_map(Expr::cast)
            .map(|e| (e.text(), e.prec(), required_prec(e.syntax())))
            .collect()
    }

    fn level_of(expr: &str, part: &str) -> (Prec, Prec) {
        levels(expr)
            .into_iter()
            .find(|(text, _, _)| text == part)
            .map(|(_, own, required)| (own, required))
            .unwrap_or_else(|| panic!("no expression {part:?} in {expr:?}"))
    }

    #[test]
    fn an_expression_parsed_alone_has_its_level() {
        let of = |text: &str| {
            let parse = crate::parse_expression(text, &ParseOptions::default());
            assert!(parse.errors.is_empty(), "{text}: {:?}", parse.errors);
            parse.root.children().find_map(Expr::cast).map(|e| e.prec())
        };
        assert_eq!(of("a - b"), Some(Prec::Additive));
        assert_eq!(of("a->b[c]"), Some(Prec::Postfix));
        assert_eq!(of("*p * 2"), Some(Prec::Multiplicative));
        assert_eq!(of("(struct foo *)p"), Some(Prec::Unary));
        assert_eq!(of("x, y"), Some(Prec::Comma));
    }

    #[test]
    fn operators_give_their_level() {
        assert_eq!(level_of("a - b", "a - b").0, Prec::Additive);
        assert_eq!(level_of("f(a - b, c)", "f(a - b, c)").0, Prec::Postfix);
        assert_eq!(level_of("-x", "-x").0, Prec::Unary);
        assert_eq!(level_of("(long)x", "(long)x").0, Prec::Unary);
        assert_eq!(level_of("sizeof(x)", "sizeof(x)").0, Prec::Unary);
        assert_eq!(level_of("a ? b : c", "a ? b : c").0, Prec::Conditional);
        assert_eq!(level_of("a = b", "a = b").0, Prec::Assign);
        assert_eq!(level_of("a && b", "a && b").0, Prec::LogicalAnd);
    }

    #[test]
    fn left_associative_operands() {
        // `a - b - c` is `(a - b) - c`: the left operand may be of the same level.
        assert_eq!(level_of("a - b - c", "a - b").1, Prec::Additive);
        assert_eq!(level_of("a - b - c", "c").1, Prec::Multiplicative);
        assert_eq!(level_of("a * b", "b").1, Prec::Unary);
    }

    #[test]
    fn places_that_hold_any_expression() {
        assert_eq!(level_of("a - b", "a - b").1, Prec::Comma);
        assert_eq!(level_of("f(a, b)", "b").1, Prec::Assign);
        assert_eq!(level_of("(a + b)", "a + b").1, Prec::Comma);
        assert_eq!(level_of("c ? a + b : d", "a + b").1, Prec::Comma);
    }

    #[test]
    fn unary_and_postfix_operands() {
        assert_eq!(level_of("!x", "x").1, Prec::Unary);
        assert_eq!(level_of("(long)x", "x").1, Prec::Unary);
        assert_eq!(level_of("p->f", "p").1, Prec::Postfix);
        assert_eq!(level_of("g(x)", "g").1, Prec::Postfix);
        assert_eq!(level_of("c ? a : b", "c").1, Prec::LogicalOr);
        assert_eq!(level_of("c ? a : b", "b").1, Prec::Conditional);
        assert_eq!(level_of("x = y", "x").1, Prec::Unary);
        assert_eq!(level_of("x = y", "y").1, Prec::Assign);
    }
}

//! Parentheses where precedence needs them, decided on the typed tree: an expression put where
//! another stood (`E * HZ` with `E` bound to `a - b` gives `(a - b) * HZ`). The precedence of
//! the expression and the one its new place requires come from c-parser's `ast::prec`; this
//! module adds what spatch writes beyond C's rules.

use c_parser::ast::{required_prec, AstNode, Expr, Prec, PrefixExpr};
use c_parser::{SyntaxKind, SyntaxNode};

/// Whether `value` needs parentheses to stand where `slot` (an expression node) stands.
pub fn needs_parens(value: &Expr, slot: &SyntaxNode) -> bool {
    if glues_to_prefix_operator(value, slot) {
        return true;
    }
    let own = value.prec();
    if own == Prec::Postfix {
        return false;
    }
    own < required_prec(slot)
}

/// `-` before `-x` would lex as `--`, `+` before `+x` as `++`.
fn glues_to_prefix_operator(value: &Expr, slot: &SyntaxNode) -> bool {
    let Some(op) = slot
        .parent()
        .and_then(PrefixExpr::cast)
        .and_then(|prefix| prefix.op())
    else {
        return false;
    };
    let Some(first) = value.syntax().first_token() else {
        return false;
    };
    use SyntaxKind::*;
    matches!(
        (op.kind(), first.kind()),
        (MINUS, MINUS | MINUS2) | (PLUS, PLUS | PLUS2)
    )
}

/// Whether spatch groups `value` where `slot` stands although C does not need it: a product or
/// quotient left of `*`, `/` or `%` (`(t / 4) * HZ`). With integer division the grouping is
/// what a reader checks first; spatch does it for code bound to a metavariable.
pub fn groups_product(value: &Expr, slot: &SyntaxNode) -> bool {
    value.prec() == Prec::Multiplicative
        && slot.parent().is_some_and(|parent| {
            parent.kind() == SyntaxKind::BIN_EXPR
                && Expr::cast(parent.clone()).is_some_and(|e| e.prec() == Prec::Multiplicative)
                && parent
                    .children()
                    .find(|c| Expr::can_cast(c.kind()))
                    .as_ref()
                    == Some(slot)
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use c_parser::{parse, parse_expression, ParseOptions};

    /// Whether `value` needs parentheses in place of the name `X` in the statement `context`.
    fn parens_for(context: &str, value: &str) -> bool {
        let options = ParseOptions::default();
        let text = format!("void f(void) {{ {context} }}");
        let tree = parse(&text, &options).root;
        let name = tree
            .descendants()
            .find(|n| n.kind() == SyntaxKind::NAME_REF && n.text() == "X")
            .expect("the context names X");
        let slot = c_parser::ast::outermost_same_range(name);
        let value_tree = parse_expression(value, &options).root;
        let value = value_tree
            .children()
            .find_map(Expr::cast)
            .expect("an expression");
        needs_parens(&value, &slot) || groups_product(&value, &slot)
    }

    #[test]
    fn an_operand_binding_tighter_than_the_value_needs_parentheses() {
        assert!(parens_for("timeout = X * HZ;", "a - b"));
        assert!(!parens_for("timeout = X * HZ;", "f(a - b)"));
        assert!(parens_for("y = *X;", "p + 1"));
        assert!(parens_for("y = a * X;", "p + 1"));
        assert!(parens_for("if (!X) return;", "a && b"));
        assert!(parens_for("X->f = 1;", "*p"));
        assert!(parens_for("y = (long)X;", "a * b"));
        assert!(!parens_for("x = X + 1;", "a * b"));
        assert!(!parens_for("y = !X;", "*p"));
    }

    #[test]
    fn left_associativity_decides_between_equal_levels() {
        assert!(parens_for("x = y - X;", "a - b"));
        assert!(!parens_for("x = X - y;", "a - b"));
    }

    #[test]
    fn a_product_left_of_a_product_is_grouped_as_spatch_does() {
        assert!(parens_for("timeout = X * HZ;", "a * b"));
        assert!(parens_for("timeout = X * HZ;", "t / 4"));
        assert!(parens_for("x = HZ * X;", "a / b"));
    }

    #[test]
    fn places_that_take_any_expression() {
        assert!(!parens_for("f(X, y);", "a + b"));
        assert!(parens_for("f(X, y);", "a, b"));
        assert!(!parens_for("return X;", "a ? b : c"));
        assert!(!parens_for("y = X ? 1 : 2;", "a || b"));
        assert!(parens_for("y = X ? 1 : 2;", "a = b"));
    }

    #[test]
    fn a_sign_before_a_sign_is_not_glued() {
        assert!(parens_for("y = -X;", "-p"));
        assert!(parens_for("y = -X;", "--p"));
        assert!(!parens_for("y = -X;", "p"));
        assert!(!parens_for("y = !X;", "-p"));
    }
}

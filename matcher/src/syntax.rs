//! Small helpers over c-parser's trees shared by the pattern and the C side.

use c_parser::{SyntaxElement, SyntaxKind, SyntaxNode, SyntaxToken};
use std::ops::Range;

/// The significant (non-trivia) children of a node, tokens and nodes in order.
pub fn sig_children(node: &SyntaxNode) -> Vec<SyntaxElement> {
    node.children_with_tokens()
        .filter(|e| match e {
            SyntaxElement::Token(t) => !t.kind().is_trivia(),
            SyntaxElement::Node(_) => true,
        })
        .collect()
}

/// The significant tokens under an element, in order.
pub fn sig_tokens(el: &SyntaxElement) -> Vec<SyntaxToken> {
    match el {
        SyntaxElement::Token(t) => {
            if t.kind().is_trivia() {
                Vec::new()
            } else {
                vec![t.clone()]
            }
        }
        SyntaxElement::Node(n) => n
            .descendants_with_tokens()
            .filter_map(|e| e.into_token())
            .filter(|t| !t.kind().is_trivia())
            .collect(),
    }
}

/// The byte range from the first to the last significant token of an element (an empty range
/// at the element's start when it has none).
///
/// Read from the green tree: asked at nearly every step of matching and rewriting, a walk of
/// cursor nodes allocated one node per descendant (4% of the copy-client conversion). The
/// last token is found as `SyntaxNode::last_token` and `SyntaxToken::prev_token` find it:
/// they find none past a node without children (an empty error node).
pub fn sig_range(el: &SyntaxElement) -> Range<usize> {
    let start = usize::from(el.text_range().start());
    let node = match el {
        SyntaxElement::Token(t) if t.kind().is_trivia() => return start..start,
        SyntaxElement::Token(t) => return start..usize::from(t.text_range().end()),
        SyntaxElement::Node(n) => n,
    };
    let green = node.green();
    let first = first_sig_start(&green, start);
    let end = start + usize::from(green.text_len());
    let mut back = BackWalk {
        node_start: start,
        at_last_token: true,
    };
    match (first, back.walk(&green, end)) {
        (Some(a), Back::Found(b)) => a..b,
        _ => start..start,
    }
}

/// The significant token of a node that has exactly one. Tried at every step of matching:
/// the tokens are counted in the green tree (stopping at the second), and the cursor tree is
/// descended only to the one found.
pub fn only_sig_token(node: &SyntaxNode) -> Option<SyntaxToken> {
    let mut count = SigCount::default();
    count.walk(&node.green(), usize::from(node.text_range().start()));
    let (start, len) = match count {
        SigCount { seen: 1, first } => first?,
        _ => return None,
    };
    let range = c_parser::TextRange::at(
        c_parser::TextSize::try_from(start).ok()?,
        c_parser::TextSize::try_from(len).ok()?,
    );
    if len > 0 {
        if let SyntaxElement::Token(t) = node.covering_element(range) {
            if t.text_range() == range && !t.kind().is_trivia() {
                return Some(t);
            }
        }
    }
    // An empty token: no range singles it out.
    node.descendants_with_tokens()
        .filter_map(|e| e.into_token())
        .find(|t| !t.kind().is_trivia())
}

/// The significant tokens of a green subtree, counted up to two, and the first one's range.
#[derive(Default)]
struct SigCount {
    seen: usize,
    /// Start and length.
    first: Option<(usize, usize)>,
}

impl SigCount {
    fn walk(&mut self, node: &rowan::GreenNodeData, mut at: usize) {
        for child in node.children() {
            if self.seen > 1 {
                return;
            }
            match child {
                rowan::NodeOrToken::Node(n) => self.walk(n, at),
                rowan::NodeOrToken::Token(t) if !is_trivia_raw(t.kind()) => {
                    self.seen += 1;
                    self.first.get_or_insert((at, usize::from(t.text_len())));
                }
                rowan::NodeOrToken::Token(_) => {}
            }
            at += usize::from(child.text_len());
        }
    }
}

fn is_trivia_raw(kind: rowan::SyntaxKind) -> bool {
    <c_parser::CLanguage as rowan::Language>::kind_from_raw(kind).is_trivia()
}

/// The start of the first significant token of a green subtree starting at `at`.
fn first_sig_start(node: &rowan::GreenNodeData, mut at: usize) -> Option<usize> {
    for child in node.children() {
        match child {
            rowan::NodeOrToken::Node(n) => {
                if let Some(found) = first_sig_start(n, at) {
                    return Some(found);
                }
            }
            rowan::NodeOrToken::Token(t) if !is_trivia_raw(t.kind()) => return Some(at),
            rowan::NodeOrToken::Token(_) => {}
        }
        at += usize::from(child.text_len());
    }
    None
}

enum Back {
    Found(usize),
    Stop,
    Go,
}

/// The walk from a node's last token back to its last significant one.
struct BackWalk {
    node_start: usize,
    /// No token was read yet: the node's last token is taken even if it ends at its start.
    at_last_token: bool,
}

impl BackWalk {
    /// `end`: where `node` ends.
    fn walk(&mut self, node: &rowan::GreenNodeData, mut end: usize) -> Back {
        if node.children().len() == 0 {
            return Back::Stop;
        }
        for child in node.children().rev() {
            let start = end - usize::from(child.text_len());
            match child {
                rowan::NodeOrToken::Node(n) => match self.walk(n, end) {
                    Back::Go => {}
                    done => return done,
                },
                rowan::NodeOrToken::Token(t) => {
                    if !std::mem::replace(&mut self.at_last_token, false) && end <= self.node_start
                    {
                        return Back::Stop;
                    }
                    if !is_trivia_raw(t.kind()) {
                        return Back::Found(end);
                    }
                }
            }
            end = start;
        }
        Back::Go
    }
}

/// Token texts joined by single spaces: the form in which two bindings are compared, so that
/// whitespace and comments do not matter.
pub fn normalized_text(el: &SyntaxElement) -> String {
    let mut out = String::new();
    for t in sig_tokens(el) {
        if !out.is_empty() {
            out.push(' ');
        }
        match t.kind() {
            SyntaxKind::INT_NUMBER => out.push_str(&integer_by_value(t.text())),
            _ => out.push_str(t.text()),
        }
    }
    out
}

/// An integer literal written by its value in decimal, its suffix kept (lowercased): `3`,
/// `0x03` and `03` are the same constant to a metavariable, as in spatch. A literal that
/// does not fit in 128 bits is kept as written.
fn integer_by_value(literal: &str) -> String {
    let digits_end = literal.find(['u', 'U', 'l', 'L']).unwrap_or(literal.len());
    let (number, suffix) = literal.split_at(digits_end);
    let number = number.replace('\'', "");
    let value = if let Some(hex) = number.strip_prefix("0x").or(number.strip_prefix("0X")) {
        u128::from_str_radix(hex, 16)
    } else if let Some(bin) = number.strip_prefix("0b").or(number.strip_prefix("0B")) {
        u128::from_str_radix(bin, 2)
    } else if number.len() > 1 && number.starts_with('0') {
        u128::from_str_radix(&number[1..], 8)
    } else {
        number.parse()
    };
    match value {
        Ok(v) => format!("{v}{}", suffix.to_ascii_lowercase()),
        Err(_) => literal.to_string(),
    }
}

/// A branch of a disjunction among a declaration's specifiers (`\(int\|unsigned long\) x;`)
/// is a type: its words take their places among the C declaration's specifiers.
pub fn specifier_branch(disj: &SyntaxNode, branch: Vec<SyntaxElement>) -> Vec<SyntaxElement> {
    if disj.parent().map(|p| p.kind()) != Some(SyntaxKind::DECL_SPECS) {
        return branch;
    }
    match branch.as_slice() {
        [SyntaxElement::Node(ty)] if ty.kind() == SyntaxKind::TYPE_NAME => {
            match sig_children(ty).as_slice() {
                [SyntaxElement::Node(specs)] if specs.kind() == SyntaxKind::DECL_SPECS => {
                    sig_children(specs)
                }
                _ => branch,
            }
        }
        _ => branch,
    }
}

/// A `for` whose first clause is a declaration (`for (int i = 0; ...)`) against a pattern
/// whose first clause is not (`for (...; ...; ...)`, `for (e1; e2; e3)`): the declaration's
/// parts and its `;` take the places of the pattern's clause and `;`, as in spatch, where
/// the declaration is the loop's first clause.
pub fn open_for_declaration(pattern: &SyntaxNode, c_children: &mut Vec<SyntaxElement>) {
    let is_declaration =
        |el: Option<&SyntaxElement>| el.is_some_and(|e| e.kind() == SyntaxKind::DECLARATION);
    if pattern.kind() != SyntaxKind::FOR_STMT
        || c_children.first().map(|e| e.kind()) != Some(SyntaxKind::FOR_KW)
        || !is_declaration(c_children.get(2))
        || is_declaration(sig_children(pattern).get(2))
    {
        return;
    }
    if let Some(SyntaxElement::Node(declaration)) = c_children.get(2).cloned() {
        c_children.splice(2..3, sig_children(&declaration));
    }
}

/// Whether the code `part` is a sub-term of the code `whole` (or is `whole`): some node of
/// `whole`, parsed as an expression, has `part`'s tokens. Both are token texts joined by
/// single spaces ([`normalized_text`]). Code that does not parse as an expression (a
/// statement, a type) is searched for as a run of whole tokens.
pub fn is_sub_term(part: &str, whole: &str) -> bool {
    if part == whole {
        return true;
    }
    const PREFIX: &str = "void __sub_term(void) { (";
    let wrapped = format!("{PREFIX}{whole}); }}");
    let parse = c_parser::parse(&wrapped, &c_parser::ParseOptions::default());
    if !parse.errors.is_empty() {
        let tokens = |s: &str| s.split(' ').map(str::to_string).collect::<Vec<_>>();
        let (part, whole) = (tokens(part), tokens(whole));
        return whole.windows(part.len()).any(|w| w == part.as_slice());
    }
    let start = rowan::TextSize::from(PREFIX.len() as u32);
    parse
        .root
        .descendants()
        .filter(|n| n.text_range().start() >= start)
        .any(|n| normalized_text(&SyntaxElement::Node(n)) == part)
}

pub fn kind_of(el: &SyntaxElement) -> SyntaxKind {
    el.kind()
}

/// Kinds of C expression nodes: c-parser's expression kinds without the SmPL ones and without
/// brace initialisers (which match as initializers, not expressions).
pub fn is_expression(kind: SyntaxKind) -> bool {
    use SyntaxKind::*;
    c_parser::ast::is_expr(kind) && !matches!(kind, BRACE_EXPR | DOTS_NODE | NEST | DISJ | CONJ)
}

/// Whether a statement of this kind holds one statement as its body (an `if`'s branch, an
/// `else`, a loop's body), written with or without braces.
pub fn holds_body_statement(kind: SyntaxKind) -> bool {
    matches!(
        kind,
        SyntaxKind::IF_STMT
            | SyntaxKind::ELSE_BRANCH
            | SyntaxKind::WHILE_STMT
            | SyntaxKind::FOR_STMT
            | SyntaxKind::DO_STMT
            | SyntaxKind::ITERATOR_STMT
    )
}

/// Kinds of C statement nodes: c-parser's statement kinds without labels, declarations and the
/// SmPL kinds, which the matcher handles on their own.
pub fn is_statement(kind: SyntaxKind) -> bool {
    use SyntaxKind::*;
    c_parser::ast::is_stmt(kind)
        && !matches!(
            kind,
            CASE_LABEL
                | DEFAULT_LABEL
                | DECLARATION
                | STATIC_ASSERT
                | DOTS_NODE
                | NEST
                | DISJ
                | CONJ
                | OPT_STMT
                | ERROR
        )
}

/// Whether `c` is a `case` or `default` label right after a `break`, `continue`, `return` or
/// `goto`: control reaches it only from the `switch`.
pub fn is_label_after_jump(c: &SyntaxElement) -> bool {
    let SyntaxElement::Node(n) = c else {
        return false;
    };
    matches!(n.kind(), SyntaxKind::CASE_LABEL | SyntaxKind::DEFAULT_LABEL)
        && n.prev_sibling().is_some_and(|prev| {
            matches!(
                prev.kind(),
                SyntaxKind::BREAK_STMT
                    | SyntaxKind::CONTINUE_STMT
                    | SyntaxKind::RETURN_STMT
                    | SyntaxKind::GOTO_STMT
            )
        })
}

/// Whether `c` is the block of a `switch`.
pub fn is_switch_body(c: &SyntaxElement) -> bool {
    c.kind() == SyntaxKind::COMPOUND_STMT
        && c.parent()
            .is_some_and(|p| p.kind() == SyntaxKind::SWITCH_STMT)
}

/// Members of a struct body that a `field` metavariable matches: declarations of members, and
/// macro uses standing as members (`DECLARE_FLEX_ARRAY(...)`, a bare marker line), as
/// Coccinelle's MacroDeclField and MacroDeclFieldMarker are fields.
pub fn is_field(el: &SyntaxElement) -> bool {
    match el.kind() {
        SyntaxKind::FIELD_DECL => true,
        SyntaxKind::MACRO_DECL => el
            .parent()
            .is_some_and(|p| p.kind() == SyntaxKind::FIELD_LIST),
        _ => false,
    }
}

/// Nodes that hold a sequence of items (where a pattern of several statements may match a
/// run of consecutive children).
pub fn is_item_container(kind: SyntaxKind) -> bool {
    use SyntaxKind::*;
    matches!(kind, COMPOUND_STMT | SOURCE_FILE | FIELD_LIST)
}

/// Comma-separated lists, matched element by element.
pub fn is_comma_list(kind: SyntaxKind) -> bool {
    use SyntaxKind::*;
    matches!(
        kind,
        ARG_LIST | PARAM_LIST | INITIALIZER_LIST | ENUMERATOR_LIST
    )
}

/// Whether two node kinds may match each other structurally.
pub fn kinds_compatible(p: SyntaxKind, c: SyntaxKind) -> bool {
    use SyntaxKind::*;
    if p == c {
        return true;
    }
    let class = |k: SyntaxKind| match k {
        EXPR_STMT | MACRO_STMT => 1,
        NAME | NAME_REF => 2,
        _ => 0,
    };
    class(p) != 0 && class(p) == class(c)
}

/// Whether two tokens are the same C token (keywords by kind, so `__const` is `const`).
pub fn tokens_equal(p: &SyntaxToken, c: &SyntaxToken) -> bool {
    if p.kind() != c.kind() {
        return false;
    }
    if p.kind().is_keyword() {
        return true;
    }
    if p.text() == c.text() {
        return true;
    }
    // SmPL writes C's variadic `...` as `......` (its own `...` means any parameters).
    if p.kind() == SyntaxKind::ELLIPSIS && p.text() == "......" && c.text() == "..." {
        return true;
    }
    // Integer constants are equal by value (`0` is `0x00`), as in spatch.
    p.kind() == SyntaxKind::INT_NUMBER
        && matches!((int_value(p.text()), int_value(c.text())), (Some(a), Some(b)) if a == b)
}

/// The value of a C integer constant without its suffix.
pub fn int_value(text: &str) -> Option<u128> {
    let t = text.trim_end_matches(['u', 'U', 'l', 'L']);
    if let Some(h) = t.strip_prefix("0x").or_else(|| t.strip_prefix("0X")) {
        u128::from_str_radix(h, 16).ok()
    } else if t.len() > 1 && t.starts_with('0') {
        u128::from_str_radix(&t[1..], 8).ok()
    } else {
        t.parse().ok()
    }
}

/// What a `constant` metavariable matches, as spatch: a literal, a `sizeof`, a negated or
/// cast constant, and (when `names` holds: the metavariable wants no type) an upper-case
/// name (`NULL`, `GFP_KERNEL`).
pub fn is_constant_expression(c: &SyntaxElement, names: bool) -> bool {
    let operand = || {
        c.as_node()
            .and_then(|n| n.children().last())
            .map(SyntaxElement::Node)
    };
    match c.kind() {
        SyntaxKind::LITERAL | SyntaxKind::STRING_EXPR | SyntaxKind::SIZEOF_EXPR => true,
        SyntaxKind::NAME_REF => names && is_constant_name(&normalized_text(c)),
        SyntaxKind::CAST_EXPR => operand().is_some_and(|o| is_constant_expression(&o, names)),
        SyntaxKind::PREFIX_EXPR => {
            let minus = sig_tokens(c)
                .first()
                .is_some_and(|t| t.kind() == SyntaxKind::MINUS);
            minus && operand().is_some_and(|o| is_constant_expression(&o, names))
        }
        _ => false,
    }
}

/// Upper-case names (`NULL`, `GFP_KERNEL`) are taken for constants, as spatch does.
pub(crate) fn is_constant_name(name: &str) -> bool {
    name.chars().any(|c| c.is_ascii_uppercase())
        && name
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_')
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The definition walked with cursors: first significant token in preorder, last one
    /// found walking back from the node's last token without leaving the node.
    fn sig_range_by_cursors(el: &SyntaxElement) -> Range<usize> {
        let first = match el {
            SyntaxElement::Token(t) => (!t.kind().is_trivia()).then(|| t.clone()),
            SyntaxElement::Node(n) => n
                .descendants_with_tokens()
                .filter_map(|e| e.into_token())
                .find(|t| !t.kind().is_trivia()),
        };
        let last = match el {
            SyntaxElement::Token(t) => (!t.kind().is_trivia()).then(|| t.clone()),
            SyntaxElement::Node(n) => (|| {
                let mut tok = n.last_token()?;
                loop {
                    if !tok.kind().is_trivia() {
                        return Some(tok);
                    }
                    tok = tok.prev_token()?;
                    if tok.text_range().end() <= n.text_range().start() {
                        return None;
                    }
                }
            })(),
        };
        let start = usize::from(el.text_range().start());
        match (first, last) {
            (Some(a), Some(b)) => {
                usize::from(a.text_range().start())..usize::from(b.text_range().end())
            }
            _ => start..start,
        }
    }

    const PIECES: &[&str] = &[
        "int f(void)\n{\n",
        "}\n",
        "\tx = a(b, c);\n",
        "/* note */",
        "// line\n",
        "\n",
        "\tif (p)\n\t\treturn;\n",
        "#define M(a) (a + 1)\n",
        "#ifdef X\n",
        "#endif\n",
        ";",
        "\tfor (;;) { }\n",
        "struct s { int a; };\n",
        "\tfoo(\n",
        ")",
        "{",
        "\t;\n",
        "static int v = { 1, };\n",
        "  ",
        "\tdo x++; while (0);\n",
        "#if 0\nbad(\n#endif\n",
    ];

    proptest! {
        #[test]
        fn green_walks_find_what_the_cursor_walks_find(
            picks in proptest::collection::vec(0..PIECES.len(), 0..14)
        ) {
            let text: String = picks.iter().map(|&i| PIECES[i]).collect();
            let parse = c_parser::parse(&text, &c_parser::ParseOptions::default());
            for el in parse.root.descendants_with_tokens() {
                prop_assert_eq!(sig_range(&el), sig_range_by_cursors(&el), "{:?} in {:?}", el, text);
            }
            for node in parse.root.descendants() {
                let sig: Vec<SyntaxToken> = sig_tokens(&SyntaxElement::Node(node.clone()));
                let only = (sig.len() == 1).then(|| sig[0].clone());
                prop_assert_eq!(only_sig_token(&node), only, "{:?} in {:?}", node, text);
            }
            let root = SyntaxElement::Node(parse.root.clone());
            prop_assert_eq!(sig_range(&root), sig_range_by_cursors(&root));
        }
    }
}

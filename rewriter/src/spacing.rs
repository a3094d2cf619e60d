//! Coccinelle's spacing for added code, decided on c-parser's tree of that code (the rule's
//! plus slice, or a bound expression's own parse), as a formatter walking a typed tree does:
//! each gap between two tokens is decided by what the tree says the tokens are. A binary or
//! assignment operator (its parent a `BIN_EXPR`, `ASSIGN_EXPR`, ...) takes spaces, a prefix
//! operator none after it, the `*` of a pointer declarator goes against the name, a cast's
//! `)` against its operand, the `;`s of a `for` header and the `:` of a bit-field, a label or
//! a case take none, a ternary's `:` spaces. Nothing is guessed from spellings: whether a
//! word is a type is the parser's business (typedefs, type metavariables), not a word list's.

use c_parser::SyntaxKind::{self, *};
use c_parser::SyntaxToken;

/// What a token is where it stands, as far as spacing cares.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Role {
    /// Operator between two operands (binary, assignment, `?`, a ternary's `:`, an
    /// initializer's `=`).
    Infix,
    /// Operator before its operand (`-x`, `*p`, `&x`, `!x`, `++i`).
    Prefix,
    /// Operator after its operand (`i++`).
    Postfix,
    /// The `*` of a pointer declarator (`char *p`, `(void *)`): against what follows.
    DeclaratorStar,
    /// `(` opening a call's arguments, a parameter list, a macro's arguments, `sizeof`'s
    /// operand or a `for` header: against what precedes it.
    CallParen,
    /// `(` after a keyword that takes a space before its parenthesised operand (`if (`).
    KeywordParen,
    /// `(` of a parenthesised expression, a cast or a declarator group.
    GroupParen,
    /// `)` closing a cast: its operand follows against it.
    CastClose,
    /// `;` inside a `for` header (spatch 1.1.1 writes none after it).
    ForSemi,
    /// `:` of a bit-field (`u8 ready:2`): none on either side.
    BitFieldColon,
    /// `:` of a label or a case: none before it.
    LabelColon,
    /// `.` starting a designator (`{ .x = 1 }`): a space before, none after.
    Designator,
    Other,
}

/// What a token is, from its place in its tree.
fn role(tok: &SyntaxToken) -> Role {
    let parent = tok.parent().map_or(ERROR, |p| p.kind());
    let is_first = tok
        .parent()
        .and_then(|p| first_significant_token(&p))
        .is_some_and(|t| t == *tok);
    match (tok.kind(), parent) {
        (QUESTION, COND_EXPR) | (COLON, COND_EXPR) => Role::Infix,
        (COLON, BIT_FIELD) => Role::BitFieldColon,
        (COLON, LABEL_STMT | CASE_LABEL | DEFAULT_LABEL) => Role::LabelColon,
        (SEMI, FOR_STMT) => Role::ForSemi,
        (DOT, DESIGNATOR) => Role::Designator,
        (EQ, INIT_DECLARATOR | DESIGNATED_INIT | ENUMERATOR) => Role::Infix,
        (k, BIN_EXPR) if c_parser::ast::Prec::of_binary_operator(k).is_some() => Role::Infix,
        (k, ASSIGN_EXPR) if c_parser::ast::is_assignment_operator(k) => Role::Infix,
        (_, PREFIX_EXPR) if is_first => Role::Prefix,
        (PLUS2 | MINUS2, POSTFIX_EXPR) => Role::Postfix,
        (STAR, POINTER_DECLARATOR | TYPE_NAME | PARAM) => Role::DeclaratorStar,
        (L_PAREN, ARG_LIST | PARAM_LIST | SIZEOF_EXPR | ALIGNOF_EXPR | TYPEOF_SPEC) => {
            Role::CallParen
        }
        (L_PAREN, MACRO_STMT | MACRO_DECL | ITERATOR_STMT | ATTRIBUTE | FOR_STMT) => {
            Role::CallParen
        }
        (L_PAREN, IF_STMT | WHILE_STMT | DO_STMT | SWITCH_STMT) => Role::KeywordParen,
        (L_PAREN, PAREN_EXPR | CAST_EXPR | COMPOUND_LITERAL | PAREN_DECLARATOR | STMT_EXPR) => {
            Role::GroupParen
        }
        (R_PAREN, CAST_EXPR) => Role::CastClose,
        _ => Role::Other,
    }
}

fn first_significant_token(node: &c_parser::SyntaxNode) -> Option<SyntaxToken> {
    node.descendants_with_tokens()
        .filter_map(|e| e.into_token())
        .find(|t| !t.kind().is_trivia())
}

/// A token that ends an operand where the tree gives no role (code the parser could not
/// read): a following `-`, `*`, `&` is then taken as binary.
fn ends_operand(tok: &SyntaxToken) -> bool {
    match tok.kind() {
        IDENT | INT_NUMBER | FLOAT_NUMBER | STRING | CHAR_LIT | R_PAREN | R_BRACK | PLUS2
        | MINUS2 => true,
        k => k.is_keyword() && !takes_operand(k),
    }
}

/// Keywords that a space separates from the parenthesis after them (`if (`, `return (x)`),
/// unlike `sizeof(`, `for(` and calls.
fn takes_operand(kind: SyntaxKind) -> bool {
    matches!(
        kind,
        IF_KW | WHILE_KW | SWITCH_KW | RETURN_KW | CASE_KW | DO_KW | ELSE_KW | GOTO_KW | SIZEOF_KW
    )
}

fn is_word(kind: SyntaxKind) -> bool {
    kind == IDENT || kind.is_keyword() || matches!(kind, INT_NUMBER | FLOAT_NUMBER)
}

/// Whether added code writes a space between two tokens written one after the other: from
/// the tokens' places in their trees (the two may come from different trees, the plus code's
/// and the C file's, when code is put into a C line).
pub fn space_between(left: &SyntaxToken, right: &SyntaxToken) -> bool {
    let (l, r) = (left.kind(), right.kind());
    if l == COMMENT || r == COMMENT {
        return true;
    }
    let (lrole, rrole) = (role(left), role(right));
    if rrole == Role::Designator {
        return !matches!(l, L_PAREN | L_BRACK);
    }
    if matches!(r, SEMI | COMMA | R_PAREN | R_BRACK | L_BRACK | DOT | ARROW)
        || matches!(l, L_PAREN | L_BRACK | DOT | ARROW)
    {
        return false;
    }
    if lrole == Role::BitFieldColon || matches!(rrole, Role::BitFieldColon | Role::LabelColon) {
        return false;
    }
    if r == L_BRACE {
        return true;
    }
    if r == R_BRACE {
        return l != L_BRACE;
    }
    if lrole == Role::Infix || rrole == Role::Infix {
        return true;
    }
    if matches!(lrole, Role::Prefix | Role::CastClose) || rrole == Role::Postfix {
        return false;
    }
    match rrole {
        Role::CallParen => return false,
        Role::KeywordParen => return true,
        // `return (x)`, `int (*x)[4]`, `x = (int)y`; `(void *)(long)x` after a cast.
        Role::GroupParen => {
            return !matches!(l, R_PAREN | R_BRACK | SIZEOF_KW | ALIGNOF_KW | TYPEOF_KW)
        }
        Role::DeclaratorStar => return l != STAR,
        Role::Prefix => return !matches!(l, TILDE | BANG),
        _ => {}
    }
    if lrole == Role::DeclaratorStar {
        // `char * const p`; otherwise against the name, the next star or the `)`.
        return matches!(r, CONST_KW | VOLATILE_KW | RESTRICT_KW);
    }
    if lrole == Role::ForSemi {
        return false;
    }
    if rrole == Role::Other && lrole == Role::Other {
        return untyped_gap(left, right);
    }
    true
}

/// Whether code added before C code is spaced from it: as [`space_between`], except that a
/// binary operator ending the added code goes against the C operand after it (`+ 3 +`
/// before `a` is `3 +a`), as spatch writes such seams.
pub fn space_before_c_code(added_last: &SyntaxToken, c_first: &SyntaxToken) -> bool {
    role(added_last) != Role::Infix && space_between(added_last, c_first)
}

/// Whether a token is the `*` of a pointer declarator (`char *`, `(void *)`), not an operator.
pub fn is_declarator_star(tok: &SyntaxToken) -> bool {
    role(tok) == Role::DeclaratorStar
}

/// Whether added code ending with a declarator's `*` goes against the C code after it (a
/// name, another `*`, an attribute), the blank between them dropped.
pub fn star_goes_against(added_last: &SyntaxToken, c_next: &SyntaxToken) -> bool {
    role(added_last) == Role::DeclaratorStar && !space_between(added_last, c_next)
}

/// Whether code put into a C line after C code (`func(` + `char i,` before `int bar`) is
/// spaced from the C token that follows it: only after a separator of its own (`,`, `;`);
/// otherwise the C code goes on as it is laid out (`(` + `j` + `)` before `<<4` is
/// `(j)<<4`), as spatch writes it. Words are kept apart by the caller.
pub fn space_after_inserted_code(added_last: &SyntaxToken, _c_next: &SyntaxToken) -> bool {
    matches!(added_last.kind(), COMMA | SEMI)
}

/// The gap between tokens the tree gives no role (code the parser could not read, a node
/// kind no rule names): a word before `(` calls it, `++` after an operand is its postfix, and
/// a sign or a dereference with no operand before it is a prefix, against its operand.
fn untyped_gap(left: &SyntaxToken, right: &SyntaxToken) -> bool {
    let (l, r) = (left.kind(), right.kind());
    if r == L_PAREN {
        return !is_word(l) || takes_operand(l) && l != SIZEOF_KW;
    }
    if matches!(r, PLUS2 | MINUS2) && ends_operand(left) {
        return false;
    }
    if matches!(l, TILDE | BANG) {
        return false;
    }
    let operand_before = || {
        left.prev_token()
            .and_then(skip_trivia_back)
            .is_some_and(|p| ends_operand(&p))
    };
    !matches!(l, MINUS | PLUS | STAR | AMP | PLUS2 | MINUS2) || operand_before()
}

fn skip_trivia_back(mut tok: SyntaxToken) -> Option<SyntaxToken> {
    while tok.kind().is_trivia() {
        tok = tok.prev_token()?;
    }
    Some(tok)
}

/// Which of spatch's two printers a layout follows. Both space code alike but for the
/// header of a `for`: added code of the rule is written `for(i = 0;i < n;i++)`, C code it
/// prints anew (a statement bound to a metavariable, put in added code) `for (i = 0; i < n;
/// i++)`, as spatch 1.1.1 writes them.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Printer {
    #[default]
    AddedCode,
    ReprintedCode,
}

/// [`space_between`] as `printer` writes the gap.
pub fn space_between_as(printer: Printer, left: &SyntaxToken, right: &SyntaxToken) -> bool {
    if printer == Printer::ReprintedCode {
        let for_paren =
            right.kind() == L_PAREN && right.parent().is_some_and(|p| p.kind() == FOR_STMT);
        if for_paren || role(left) == Role::ForSemi && !matches!(right.kind(), SEMI | R_PAREN) {
            return true;
        }
    }
    space_between(left, right)
}

/// Writes tokens one after the other with the spacing of [`space_between`], never gluing
/// two into one (`-` then `-x` is not `--x`).
#[derive(Default)]
pub struct Spacer {
    out: String,
    /// Where the last two tokens written start in `out`.
    last_starts: [usize; 2],
    prev: Option<SyntaxToken>,
    printer: Printer,
}

impl Spacer {
    pub fn new() -> Spacer {
        Spacer::default()
    }

    /// A spacer for C code printed anew (see [`Printer`]).
    pub fn reprinting() -> Spacer {
        Spacer {
            printer: Printer::ReprintedCode,
            ..Spacer::default()
        }
    }

    /// Writes `text` for the tree token `tok` (its own text, or what stands for it: a
    /// metavariable's value).
    pub fn push(&mut self, tok: &SyntaxToken, text: &str) {
        if let Some(prev) = &self.prev {
            let tail = &self.out[self.last_starts[0]..];
            if space_between_as(self.printer, prev, tok)
                || crate::boundaries::seam_separator(tail, text).is_some()
            {
                self.out.push(' ');
            }
        }
        self.last_starts = [self.last_starts[1], self.out.len()];
        self.out.push_str(text);
        self.prev = Some(tok.clone());
    }

    /// Spaces the next token against `tok`, written before this spacer's text (code kept
    /// as written that this code goes on from).
    pub fn follow(&mut self, tok: &SyntaxToken) {
        self.prev = Some(tok.clone());
    }

    /// The length of the text written so far.
    pub fn len(&self) -> usize {
        self.out.len()
    }

    pub fn is_empty(&self) -> bool {
        self.out.is_empty()
    }

    pub fn finish(self) -> String {
        self.out
    }
}

/// The significant tokens of a tree written with [`Spacer`]'s spacing, on one line.
pub fn lay_out_tree(root: &c_parser::SyntaxNode) -> String {
    let mut spacer = Spacer::new();
    for tok in root
        .descendants_with_tokens()
        .filter_map(|e| e.into_token())
        .filter(|t| !t.kind().is_trivia())
    {
        spacer.push(&tok, tok.text());
    }
    spacer.finish()
}

/// An expression's code as added code writes it, on one line, laid out from the tree
/// c-parser gives it.
pub fn lay_out_expression(code: &str) -> String {
    let parse = c_parser::parse_expression(code, &c_parser::ParseOptions::default());
    lay_out_tree(&parse.root)
}

#[cfg(test)]
mod tests;

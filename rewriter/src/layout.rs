//! Line layout of added code, decided on the tree the code comes from: which tokens start a
//! line (a statement in a block, the body of an unbraced `if`, a block's `}`), which lines
//! of the code as written go on one line (a call continued over lines), and how deep each
//! line is (blocks and unbraced bodies it is in). Made where the trees are (the matcher, on
//! the rule's plus tree and on the C file's tree for bound statements); the rewriter receives
//! the lines with their levels and never re-reads the code's tokens to find statements.

use crate::added::AddedLine;
use crate::spacing::{space_between_as, Printer, Spacer};
use c_parser::SyntaxKind::{self, *};
use c_parser::{SyntaxNode, SyntaxToken};

/// A code token of a line as written, with the text that stands for it (its own, or a
/// metavariable's placeholder) and where that text starts in the line's written text.
#[derive(Clone, Debug)]
pub struct LineToken {
    pub token: SyntaxToken,
    pub text: String,
    pub at: usize,
    /// It stands for a block (a statement metavariable bound to `{ ... }`): as the body of
    /// an `if` or a loop it stays on the header's line, as a written block would.
    pub block: bool,
}

/// A line of added code as written (in the rule, or in the C file for a bound statement).
#[derive(Clone, Debug, Default)]
pub struct SourceLine {
    /// The blanks the line starts with.
    pub indent: String,
    /// The rest of the line.
    pub written: String,
    /// Its code tokens (no comments, no directives), in order.
    pub tokens: Vec<LineToken>,
    /// Written as it is rather than spaced anew from its tokens (it holds a comment, or is a
    /// line that the C code's printer writes its own way).
    pub kept: bool,
    /// It starts inside a comment or directive begun on an earlier line.
    pub continues_trivia: bool,
    /// It is a preprocessor line.
    pub directive: bool,
    /// It ends with a `//` comment: nothing can be joined after it.
    pub ends_with_line_comment: bool,
}

/// One laid-out line being built.
struct OutLine {
    /// Depth in the tree (blocks and unbraced bodies), `None` for a line that keeps its
    /// column (a directive) or is empty.
    depth: Option<usize>,
    text: String,
    /// The spacer of code still being written on this line, when it is spaced anew.
    spacer: Option<Spacer>,
    /// The last code token on the line, and whether more code may be joined after it.
    last: Option<SyntaxToken>,
    joinable: bool,
    /// It starts with a label statement's name.
    is_label: bool,
}

impl OutLine {
    fn text(self) -> String {
        match self.spacer {
            Some(spacer) => format!("{}{}", self.text, spacer.finish()),
            None => self.text,
        }
    }
}

/// The lines of added code laid out as spatch prints added code, each prefixed with one tab
/// per level deeper than the code's first line: a statement written over several lines is
/// joined, several statements on a line are put on lines of their own, blocks and unbraced
/// bodies one level deeper. Lines inside a comment spanning lines keep their shape; directive
/// lines are kept as written. Empty lines at the edges are dropped.
pub fn lay_out(lines: &[SourceLine], printer: Printer) -> Vec<AddedLine> {
    let lines = without_empty_edges(lines);
    let mut layout = Layout::new(lines, printer);
    for (n, line) in lines.iter().enumerate() {
        layout.place(n, line);
    }
    indent_by_depth(layout.out)
}

fn is_empty_line(line: &SourceLine) -> bool {
    !line.continues_trivia && line.written.trim().is_empty()
}

fn without_empty_edges(lines: &[SourceLine]) -> &[SourceLine] {
    let first = lines
        .iter()
        .position(|l| !is_empty_line(l))
        .unwrap_or(lines.len());
    let last = lines
        .iter()
        .rposition(|l| !is_empty_line(l))
        .map_or(first, |p| p + 1);
    &lines[first..last]
}

/// Laying out the lines of added code one after the other.
struct Layout<'l> {
    lines: &'l [SourceLine],
    printer: Printer,
    /// The least indentation of the lines with text.
    common: usize,
    /// Added code that is an initializer list (an element of the C code's list) is laid out
    /// over lines, its elements inside its braces, as spatch 1.1.1 prints it.
    opening_list: Option<SyntaxNode>,
    /// The indentation of the last line that is not inside a comment or directive.
    opening_indent: &'l str,
    /// The last code token placed, and whether a directive came after it.
    last_code: Option<&'l SyntaxToken>,
    after_directive: bool,
    out: Vec<OutLine>,
}

impl<'l> Layout<'l> {
    fn new(lines: &'l [SourceLine], printer: Printer) -> Self {
        let common = lines
            .iter()
            .filter(|l| !is_empty_line(l))
            .map(|l| l.indent.len())
            .min()
            .unwrap_or(0);
        let opening_list = lines
            .iter()
            .find_map(|l| l.tokens.first())
            .filter(|t| t.token.kind() == L_BRACE)
            .and_then(|t| t.token.parent())
            .filter(|p| p.kind() == INITIALIZER_LIST);
        Layout {
            lines,
            printer,
            common,
            opening_list,
            opening_indent: "",
            last_code: None,
            after_directive: false,
            out: Vec::new(),
        }
    }

    /// Lays out `line`, the `n`th line.
    fn place(&mut self, n: usize, line: &'l SourceLine) {
        if is_empty_line(line) {
            self.out.push(OutLine::fixed(None, String::new()));
            return;
        }
        if line.continues_trivia {
            self.place_trivia_continuation(line);
            return;
        }
        self.opening_indent = &line.indent;
        if line.directive {
            self.out.push(OutLine::fixed(None, line.written.clone()));
            self.after_directive = true;
            return;
        }
        if self.after_directive && self.continues_last_code(line) {
            // Code continued across a directive (`64` `#ifdef X` `+ 16`) cannot be joined:
            // the line stays as the C code writes it, indentation included.
            self.out.push(OutLine::fixed(
                None,
                format!("{}{}", line.indent, line.written),
            ));
            self.last_code = line.tokens.last().map(|t| &t.token);
            self.after_directive = false;
            return;
        }
        self.after_directive = false;
        if let Some(t) = line.tokens.last() {
            self.last_code = Some(&t.token);
        }
        if line.tokens.is_empty() {
            // A comment on a line of its own: as deep as the code after it.
            let depth = trivia_depth(&self.lines[n..], &self.out);
            self.out
                .push(OutLine::fixed(Some(depth), line.written.clone()));
            return;
        }
        place_line(
            line,
            self.printer,
            self.opening_list.as_ref(),
            &mut self.out,
        );
    }

    /// A line inside a comment or directive begun on an earlier line: as deep as its first
    /// line, with its shape relative to that line.
    fn place_trivia_continuation(&mut self, line: &SourceLine) {
        let depth = self.out.iter().rev().find_map(|l| l.depth).unwrap_or(0);
        let relative = match line.indent.strip_prefix(self.opening_indent) {
            Some(relative) => relative,
            None => &line.indent[self.common.min(line.indent.len())..],
        };
        self.out.push(OutLine::fixed(
            Some(depth),
            format!("{relative}{}", line.written),
        ));
    }

    /// Whether the tree says `line` continues the statement of the last code placed.
    fn continues_last_code(&self, line: &SourceLine) -> bool {
        line.tokens
            .first()
            .zip(self.last_code)
            .is_some_and(|(first, prev)| continues_onto(prev, &first.token))
    }
}

/// The laid-out lines, each prefixed with one tab per level deeper than the first line with
/// a depth.
fn indent_by_depth(out: Vec<OutLine>) -> Vec<AddedLine> {
    let base = out.iter().find_map(|l| l.depth).unwrap_or(0);
    out.into_iter()
        .map(|l| {
            let level = l.depth.map_or(0, |d| d.saturating_sub(base));
            let is_label = l.is_label;
            let text = l.text();
            let text = match text.is_empty() {
                true => text,
                false => format!("{}{text}", "\t".repeat(level)),
            };
            // No break marks: the matcher finds them once values are put in and the code is
            // whole (`transform/break_marks.rs`).
            AddedLine {
                text,
                is_label,
                break_marks: Vec::new(),
            }
        })
        .collect()
}

impl OutLine {
    fn fixed(depth: Option<usize>, text: String) -> OutLine {
        OutLine {
            depth,
            text,
            spacer: None,
            last: None,
            joinable: false,
            is_label: false,
        }
    }
}

/// Puts a line with code on the laid-out lines: its pieces that start a line of their own on
/// new lines, its first piece after the line before when the tree says they are one
/// statement continued.
fn place_line(
    line: &SourceLine,
    printer: Printer,
    opening_list: Option<&SyntaxNode>,
    out: &mut Vec<OutLine>,
) {
    let opens = |t: &LineToken, prev: &SyntaxToken| {
        let in_opening_list = |t: &SyntaxToken| opening_list.is_some_and(|l| is_brace_of(t, l));
        let tok = &t.token;
        let block_body = t.block
            && tok
                .parent_ancestors()
                .take_while(|n| n.first_token().as_ref() == Some(tok))
                .any(|n| is_unbraced_body(&n));
        (opens_line(tok, Some(prev)) && !block_body)
            || (tok.kind() == R_BRACE && in_opening_list(tok))
            || (prev.kind() == L_BRACE && in_opening_list(prev))
    };
    // Where the line is cut: before each token (after the first) that starts a line.
    let mut cuts = vec![0usize];
    for (i, t) in line.tokens.iter().enumerate().skip(1) {
        if opens(t, &line.tokens[i - 1].token) {
            cuts.push(i);
        }
    }
    for (k, &from) in cuts.iter().enumerate() {
        let to = cuts.get(k + 1).copied().unwrap_or(line.tokens.len());
        let pieces = &line.tokens[from..to];
        let first = &pieces[0].token;
        let joined = k == 0
            && out.last().is_some_and(|o| {
                o.joinable
                    && o.last.as_ref().is_some_and(|p| {
                        (continues_onto(p, first) || pieces[0].block) && !opens(&pieces[0], p)
                    })
            });
        let target = if joined {
            out.last_mut().expect("a line to join")
        } else {
            out.push(OutLine {
                depth: Some(depth(first)),
                text: String::new(),
                spacer: None,
                last: None,
                joinable: true,
                is_label: is_label_name(first),
            });
            out.last_mut().expect("the line just pushed")
        };
        if line.kept {
            // Written as it is: the text from this piece's first token (the line's start for
            // the first piece, with a comment before the code) to the next piece's.
            let start = if k == 0 { 0 } else { pieces[0].at };
            let end = line.tokens.get(to).map_or(line.written.len(), |t| t.at);
            let text = line.written.get(start..end).unwrap_or(&line.written).trim();
            if let Some(spacer) = target.spacer.take() {
                target.text.push_str(&spacer.finish());
            }
            if joined
                && target
                    .last
                    .as_ref()
                    .is_some_and(|p| space_between_as(printer, p, first))
            {
                target.text.push(' ');
            }
            target.text.push_str(text);
        } else {
            let spacer = target.spacer.get_or_insert_with(|| {
                let mut s = match printer {
                    Printer::AddedCode => Spacer::new(),
                    Printer::ReprintedCode => Spacer::reprinting(),
                };
                // Code joined after text kept as written is spaced against its last token.
                if let Some(p) = target.last.as_ref().filter(|_| joined) {
                    s.follow(p);
                }
                s
            });
            for t in pieces {
                spacer.push(&t.token, &t.text);
            }
        }
        target.last = pieces.last().map(|t| t.token.clone());
        target.joinable = !(to == line.tokens.len() && line.ends_with_line_comment);
    }
}

/// Whether a token is the name of a label statement (`out` in `out:`), not of a `case`.
fn is_label_name(tok: &SyntaxToken) -> bool {
    tok.kind() == IDENT && tok.parent().is_some_and(|p| p.kind() == LABEL_STMT)
}

/// The depth of a line with no code of its own (a comment): that of the code after it, or
/// inside the block whose `}` that code is; at the end, that of the line before.
fn trivia_depth(rest: &[SourceLine], out: &[OutLine]) -> usize {
    match rest.iter().find_map(|l| l.tokens.first()) {
        Some(t) => depth(&t.token) + usize::from(closes_block(&t.token)),
        None => out.iter().rev().find_map(|l| l.depth).unwrap_or(0),
    }
}

/// How deep a token lies in the statement structure: the blocks it is inside (not counting
/// a block's own braces) and the unbraced bodies of `if`, `else` and loops it is in.
fn depth(tok: &SyntaxToken) -> usize {
    tok.parent_ancestors()
        .filter(|node| match node.kind() {
            // An initializer or enum body over lines is a level deeper inside its braces.
            COMPOUND_STMT | FIELD_LIST | INITIALIZER_LIST | ENUMERATOR_LIST => {
                !is_brace_of(tok, node)
            }
            _ => is_unbraced_body(node),
        })
        .count()
}

fn is_brace_of(tok: &SyntaxToken, node: &SyntaxNode) -> bool {
    matches!(tok.kind(), L_BRACE | R_BRACE) && tok.parent().as_ref() == Some(node)
}

/// The `}` of a block or of a struct's fields.
fn closes_block(tok: &SyntaxToken) -> bool {
    tok.kind() == R_BRACE
        && tok
            .parent()
            .is_some_and(|p| matches!(p.kind(), COMPOUND_STMT | FIELD_LIST) && !in_expression(&p))
}

/// A statement that is the body of an `if`, `else`, `while`, `for`, `do` or `switch` without
/// braces of its own (an `else if` is the `else`'s body, but laid out as a chain, not
/// deeper).
fn is_unbraced_body(node: &SyntaxNode) -> bool {
    let Some(parent) = node.parent() else {
        return false;
    };
    if !matches!(
        parent.kind(),
        IF_STMT | ELSE_BRANCH | WHILE_STMT | FOR_STMT | DO_STMT | SWITCH_STMT
    ) || node.kind() == COMPOUND_STMT
    {
        return false;
    }
    let mut before = node.prev_sibling_or_token();
    while let Some(el) = before.as_ref().filter(|e| e.kind().is_trivia()) {
        before = el.prev_sibling_or_token();
    }
    match before.map(|el| el.kind()) {
        Some(ELSE_KW) => node.kind() != IF_STMT,
        Some(R_PAREN | DO_KW) => true,
        _ => false,
    }
}

/// Nodes inside which statements are not laid out over lines: an expression (a statement
/// expression `({ ... })`, a macro's argument) or an initializer.
fn in_expression(node: &SyntaxNode) -> bool {
    node.ancestors().any(|a| {
        matches!(
            a.kind(),
            STMT_EXPR | MACRO_ARG | ARG_LIST | BRACE_EXPR | INITIALIZER_LIST | PAREN_EXPR
        )
    })
}

/// Containers whose children each take lines of their own.
fn lists_statements(kind: SyntaxKind) -> bool {
    matches!(
        kind,
        COMPOUND_STMT
            | FIELD_LIST
            | SMPL_BODY
            | SOURCE_FILE
            | DOTS_NODE
            | NEST
            | DISJ_BRANCH
            | CONJ
            | OPT_STMT
    )
}

/// Whether a code token starts a line of its own: the first token of a statement in a block
/// (or of a declaration, a struct field, a top-level statement of the rule), of an unbraced
/// body, a block's `}`, an `else` or a `do` loop's `while` not after a `}`, unless a label
/// is before it on its line. `prev` is the code token before it.
fn opens_line(tok: &SyntaxToken, prev: Option<&SyntaxToken>) -> bool {
    let after_block = || prev.is_some_and(closes_block);
    // A statement after a label's `:` on its line stays there (`case 1: a();`, `out: f();`).
    let after_label = prev.is_some_and(|p| {
        p.kind() == COLON
            && p.parent()
                .is_some_and(|l| matches!(l.kind(), CASE_LABEL | DEFAULT_LABEL | LABEL_STMT))
    });
    if after_label {
        return false;
    }
    match tok.kind() {
        R_BRACE => closes_block(tok),
        ELSE_KW => !after_block(),
        WHILE_KW if tok.parent().is_some_and(|p| p.kind() == DO_STMT) => !after_block(),
        _ => tok
            .parent_ancestors()
            .take_while(|n| n.first_token().as_ref() == Some(tok))
            .any(|n| starts_line(&n)),
    }
}

/// A node that starts a line: a child of a list of statements or an unbraced body, not
/// inside an expression.
fn starts_line(node: &SyntaxNode) -> bool {
    let Some(parent) = node.parent() else {
        return false;
    };
    let listed = lists_statements(parent.kind()) && node.kind() != ERROR;
    (listed || is_unbraced_body(node)) && !in_expression(&parent)
}

/// Whether code on a line continues onto the next: the two tokens are parts of one
/// expression, declarator or parameter list (a call's arguments over lines, `x =` then the
/// value), or of a control statement's parenthesised header. Not between the elements of an
/// initializer, an enum or a declaration's declarators, which stay on the lines they are
/// written on.
fn continues_onto(prev: &SyntaxToken, next: &SyntaxToken) -> bool {
    let Some(common) = common_ancestor(prev, next) else {
        return false;
    };
    match common.kind() {
        IF_STMT | WHILE_STMT | FOR_STMT | SWITCH_STMT | DO_STMT => {
            in_header(prev, &common) && in_header(next, &common)
        }
        k => joins_within(k),
    }
}

/// Node kinds whose tokens on consecutive lines are one line of added code.
fn joins_within(kind: SyntaxKind) -> bool {
    matches!(
        kind,
        INIT_DECLARATOR
            | POINTER_DECLARATOR
            | PAREN_DECLARATOR
            | ARRAY_DECLARATOR
            | FUNCTION_DECLARATOR
            | PARAM_LIST
            | PARAM
            | TYPE_NAME
            | ATTRIBUTE
            | DESIGNATED_INIT
    ) || (NAME_REF as u16..=MACRO_ARG as u16).contains(&(kind as u16))
}

/// Whether a token lies in a control statement's parenthesised header, parentheses included.
fn in_header(tok: &SyntaxToken, stmt: &SyntaxNode) -> bool {
    let parens: Vec<SyntaxToken> = stmt
        .children_with_tokens()
        .filter_map(|e| e.into_token())
        .filter(|t| matches!(t.kind(), L_PAREN | R_PAREN))
        .collect();
    match (parens.first(), parens.last()) {
        (Some(open), Some(close)) => {
            let at = tok.text_range().start();
            open.text_range().start() <= at && at <= close.text_range().start()
        }
        _ => false,
    }
}

fn common_ancestor(a: &SyntaxToken, b: &SyntaxToken) -> Option<SyntaxNode> {
    let b_range = b.text_range();
    a.parent_ancestors()
        .find(|n| n.text_range().contains_range(b_range))
}

#[cfg(test)]
mod tests;

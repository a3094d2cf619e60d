//! Added code as the matcher hands it to the rewriter: its lines, laid out on the trees the
//! code comes from, and what those trees say of the code, so that the rewriter places it
//! without reading its tokens again.

use crate::wrap::{shifted, BreakMarks};
use c_parser::SyntaxKind::{self, *};

/// Code to add, with the facts of its trees that its placement depends on.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct AddedCode {
    /// The laid-out lines joined by `\n`, each starting with one tab per level deeper than
    /// the first ([`crate::layout::lay_out`]).
    pub text: String,
    /// The kind of its first token in the trees, comments and directives included.
    pub first_token: Option<SyntaxKind>,
    /// The kind of its last token, comments and directives included.
    pub last_token: Option<SyntaxKind>,
    /// Its braces close only braces it opened before, and all of them.
    pub braces_balance: bool,
    /// The lines (indices in `text` split at `\n`) that start with a label statement, which
    /// goes one level out of the code around it.
    pub label_lines: Vec<usize>,
    /// How many statements the code holds at its top level (an `if` with its `else`, a loop,
    /// a block: one each; a statement list bound to a metavariable: its statements): an
    /// unbraced body that it makes hold several gets braces.
    pub statements: usize,
    /// Where its long lines may break: its brackets and commas, by byte offset in `text`
    /// ([`crate::wrap::wrap_long_line`]), read from the trees the code comes from.
    pub break_marks: BreakMarks,
}

/// A line of added code: its text, one leading tab per level, and whether it starts with a
/// label statement (`out:`, `err: kfree(p);`), which spatch writes one level out.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AddedLine {
    pub text: String,
    pub is_label: bool,
    /// Its break marks, by byte offset in `text`.
    pub break_marks: BreakMarks,
}

impl AddedLine {
    /// A line that starts with no label.
    pub fn plain(text: impl Into<String>) -> AddedLine {
        AddedLine {
            text: text.into(),
            is_label: false,
            break_marks: Vec::new(),
        }
    }
}

impl AddedCode {
    /// Code of the given edge tokens, whose braces balance, with no break marks (see
    /// [`AddedCode::with_break_marks`]).
    pub fn new(
        text: impl Into<String>,
        first_token: Option<SyntaxKind>,
        last_token: Option<SyntaxKind>,
    ) -> AddedCode {
        AddedCode {
            text: text.into(),
            first_token,
            last_token,
            braces_balance: true,
            label_lines: Vec::new(),
            statements: 0,
            break_marks: Vec::new(),
        }
    }

    /// The same code with these break marks.
    pub fn with_break_marks(self, break_marks: BreakMarks) -> AddedCode {
        AddedCode {
            break_marks,
            ..self
        }
    }

    /// The code after a `(`, and before a `)` when `closed` (its own first `(` then opens
    /// no call).
    pub fn in_parentheses(&self, closed: bool) -> AddedCode {
        use crate::wrap::BreakMark::{Close, FirstOpen};
        let mut marks = vec![(0, FirstOpen)];
        marks.extend(shifted(&self.break_marks, 1, Some(false)));
        let mut text = format!("({}", self.text);
        let mut last = self.last_token;
        if closed {
            marks.push((text.len(), Close));
            text.push(')');
            last = Some(R_PAREN);
        }
        AddedCode::new(text, Some(L_PAREN), last).with_break_marks(marks)
    }

    /// Its lines, empty lines at the edges dropped, blanks at the ends of lines too.
    pub fn lines(&self) -> Vec<AddedLine> {
        let (lines, kept) = crate::lines::trimmed_lines(&self.text);
        let starts: Vec<usize> = std::iter::once(0)
            .chain(self.text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        kept.map(|i| AddedLine {
            text: lines[i].to_string(),
            is_label: self.label_lines.contains(&i),
            break_marks: crate::wrap::marks_within(
                &self.break_marks,
                starts[i]..starts[i] + lines[i].len(),
            ),
        })
        .collect()
    }

    /// Code that is one expression on one line (no statement end, no braces, no comment or
    /// directive first): it can only stand inside a line, whatever placement it was given.
    pub fn is_expression(&self) -> bool {
        let (Some(first), Some(last)) = (self.first_token, self.last_token) else {
            return false;
        };
        !self.text.trim().contains('\n')
            && !matches!(first, COMMENT | DIRECTIVE)
            && !matches!(last, SEMI | L_BRACE | R_BRACE)
    }

    /// Whether the code starts with a separator or closing bracket of its own (`, int q`
    /// after a parameter): put after C code in its line, it goes against it.
    pub fn starts_with_separator(&self) -> bool {
        matches!(self.first_token, Some(COMMA | SEMI | R_PAREN | R_BRACK))
    }

    /// Whether the code ends a statement (`;` or a block's `}`), or has no code token at all
    /// (a comment): code that does not (`if (x)`, `else`) may be the header of what follows.
    pub fn ends_a_statement(&self) -> bool {
        self.last_token
            .is_none_or(|k| matches!(k, SyntaxKind::SEMI | SyntaxKind::R_BRACE))
    }

    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    /// This code and `next` as one addition, `separator` between their texts.
    pub fn followed_by(&self, separator: &str, next: &AddedCode) -> AddedCode {
        // `next`'s first line goes on this code's last one when no line break separates them.
        let shift = self.text.matches('\n').count() + separator.matches('\n').count();
        let joined_onto_last = !separator.contains('\n');
        let mut label_lines = self.label_lines.clone();
        label_lines.extend(
            next.label_lines
                .iter()
                .filter(|&&i| i > 0 || !joined_onto_last)
                .map(|i| i + shift),
        );
        // `next`'s leading `(` calls what this code ends with when they share a line.
        let before = match separator.contains('\n') {
            true => Some(false),
            false if self.text.trim().is_empty() => None,
            false => Some(crate::wrap::is_callee_end(self.last_token)),
        };
        let mut break_marks = self.break_marks.clone();
        break_marks.extend(shifted(
            &next.break_marks,
            self.text.len() + separator.len(),
            before,
        ));
        AddedCode {
            label_lines,
            break_marks,
            text: format!("{}{separator}{}", self.text, next.text),
            first_token: self.first_token.or(next.first_token),
            last_token: next.last_token.or(self.last_token),
            braces_balance: self.braces_balance && next.braces_balance,
            statements: self.statements + next.statements,
        }
    }

    /// The same facts with the text changed by `f`, which changes blanks at its edges, not
    /// tokens nor the line breaks between them.
    pub fn map_text(self, f: impl FnOnce(String) -> String) -> AddedCode {
        let leading_breaks = |t: &str| t[..t.len() - t.trim_start().len()].matches('\n').count();
        let leading_blanks = |t: &str| t.len() - t.trim_start().len();
        let before = leading_breaks(&self.text);
        let blanks_before = leading_blanks(&self.text);
        let text = f(self.text);
        let after = leading_breaks(&text);
        let blanks_after = leading_blanks(&text);
        let break_marks = self
            .break_marks
            .iter()
            .map(|&(at, m)| (at + blanks_after - blanks_before, m))
            .collect();
        let label_lines = self
            .label_lines
            .iter()
            .filter_map(|&i| (i + after).checked_sub(before))
            .collect();
        AddedCode {
            text,
            label_lines,
            break_marks,
            ..self
        }
    }
}

/// Code handed over as plain text by a caller that has no tree for it (the rewriter's own
/// tests, benchmarks, tools): its facts are those of its tokens, lexed here and in
/// [`crate::wrap::lexed_marks`] only.
impl From<&str> for AddedCode {
    fn from(text: &str) -> AddedCode {
        let tokens: Vec<SyntaxKind> = c_parser::lex(text, c_parser::LexMode::C)
            .into_iter()
            .map(|t| t.kind)
            .filter(|k| !matches!(k, WHITESPACE | NEWLINE))
            .collect();
        let mut depth = 0i32;
        let mut balance = true;
        for k in &tokens {
            match k {
                L_BRACE => depth += 1,
                R_BRACE => depth -= 1,
                _ => {}
            }
            balance &= depth >= 0;
        }
        AddedCode {
            text: text.to_string(),
            first_token: tokens.first().copied(),
            last_token: tokens.last().copied(),
            braces_balance: balance && depth == 0,
            break_marks: crate::wrap::lexed_marks(text),
            label_lines: text
                .split('\n')
                .enumerate()
                .filter(|(_, line)| starts_with_label(line))
                .map(|(i, _)| i)
                .collect(),
            statements: {
                let mut count = crate::statement_count::StatementCount::default();
                tokens.iter().for_each(|&k| count.token(k));
                count.total()
            },
        }
    }
}

/// Whether a line of plain text starts with a label: a name (an identifier to the lexer, not
/// `case` or `default`) and a `:`, the line ending as a statement does.
fn starts_with_label(line: &str) -> bool {
    let toks = crate::scan::tokens(line);
    match toks.as_slice() {
        [name, colon, rest @ ..] => {
            name.syntax == IDENT
                && colon.text == ":"
                && rest
                    .last()
                    .is_none_or(|last| matches!(last.text, ";" | "{" | "}"))
        }
        _ => false,
    }
}

impl From<String> for AddedCode {
    fn from(text: String) -> AddedCode {
        AddedCode::from(text.as_str())
    }
}

impl From<&String> for AddedCode {
    fn from(text: &String) -> AddedCode {
        AddedCode::from(text.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::AddedCode;

    #[test]
    fn plain_text_braces_balance_counts_only_brace_tokens() {
        let balanced = |text: &str| AddedCode::from(text).braces_balance;
        assert!(balanced("if (err) {\n\tfoo();\n}"));
        assert!(!balanced("}\nfoo();\n{"));
        assert!(!balanced("{\nfoo();"));
        // Braces inside literals and comments are not C's braces.
        assert!(balanced("pr_info(\"{\");"));
        assert!(balanced("c = '}'; /* { */"));
        assert!(!balanced("pr_info(\"}\"); {"));
    }

    #[test]
    fn plain_text_labels_are_names_with_a_colon_ending_as_statements() {
        let labels = |text: &str| AddedCode::from(text).label_lines;
        assert_eq!(labels("\tout:\nerr_free: kfree(p);\nfoo();"), vec![0, 1]);
        assert!(labels("default:").is_empty());
        assert!(labels("case 1: x = 2;").is_empty());
        assert!(labels("x = c ? a : b;").is_empty());
        assert!(labels("u8 ready:2;").is_empty());
        assert!(labels(" * Note: later").is_empty());
    }

    #[test]
    fn lines_keep_their_labels_when_edges_and_code_are_joined() {
        let code = AddedCode::from("\n\nfoo();\nout:\n");
        let lines = code.lines();
        assert_eq!(lines.len(), 2);
        assert!(!lines[0].is_label && lines[1].is_label);
        let trimmed = code.clone().map_text(|t| t.trim().to_string());
        assert_eq!(trimmed.label_lines, vec![1]);
        let twice = trimmed.followed_by("\n", &trimmed);
        assert_eq!(twice.label_lines, vec![1, 3]);
    }

    #[test]
    fn plain_text_statements_are_counted_at_the_top_level() {
        let count = |text: &str| AddedCode::from(text).statements;
        assert_eq!(count("foo(x);"), 1);
        assert_eq!(count("foo(x);\nbar(x);"), 2);
        assert_eq!(count("if (a) b(); else c();"), 1);
        assert_eq!(count("for (i = 0; i < n; i++) { x(); }"), 1);
        assert_eq!(count("do { x(); } while (y);"), 1);
        assert_eq!(count("{ a(); b(); }"), 1);
        assert_eq!(count("/* gone */"), 0);
        assert_eq!(count("x = 1; LOCK_IT(x)"), 2);
        // Joined code holds the statements of both.
        let two = AddedCode::from("a();").followed_by("\n", &AddedCode::from("b();"));
        assert_eq!(two.statements, 2);
    }

    #[test]
    fn break_marks_follow_the_text_into_lines_joins_and_trims() {
        use crate::wrap::BreakMark::*;
        let code = AddedCode::from("\n  f(a, b);\n\tg(c)\n");
        let lines = code.lines();
        assert_eq!(
            lines[0].break_marks,
            [(3, CallOpen), (5, Comma), (8, Close)]
        );
        assert_eq!(lines[1].break_marks, [(2, CallOpen), (4, Close)]);
        let trimmed = code.map_text(|t| t.trim().to_string());
        assert_eq!(trimmed.break_marks[..2], [(1, CallOpen), (3, Comma)]);
        // After a name on the same line, a leading `(` calls it; after a line break, not.
        let name = AddedCode::from("x = h");
        let args = AddedCode::from("(1, 2)");
        assert_eq!(
            name.followed_by("", &args).break_marks,
            [(5, CallOpen), (7, Comma), (10, Close)]
        );
        assert_eq!(name.followed_by("\n", &args).break_marks[0], (6, Open));
        assert_eq!(
            AddedCode::from("x +").followed_by(" ", &args).break_marks[0],
            (4, Open)
        );
        // Put in parentheses, its `(` opens none.
        let grouped = args.in_parentheses(true);
        assert_eq!(grouped.text, "((1, 2))");
        assert_eq!(
            grouped.break_marks,
            [
                (0, FirstOpen),
                (1, Open),
                (3, Comma),
                (6, Close),
                (7, Close)
            ]
        );
        assert_eq!(args.in_parentheses(false).last_token, args.last_token);
    }

    #[test]
    fn code_followed_by_code_keeps_the_outer_edges() {
        let a = AddedCode::from("/* a */ x = 1;");
        let b = AddedCode::from("y(");
        let both = a.followed_by("\n", &b);
        assert_eq!(both.text, "/* a */ x = 1;\ny(");
        assert_eq!(both.first_token, Some(c_parser::SyntaxKind::COMMENT));
        assert_eq!(both.last_token, Some(c_parser::SyntaxKind::L_PAREN));
        assert!(both.braces_balance);
        assert!(!both.followed_by("", &AddedCode::from("}")).braces_balance);
    }
}

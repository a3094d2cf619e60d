//! A statement (or statement list) bound to a metavariable, as added code shows it: spatch prints it anew from
//! its tree (`if(x==1)` is `if (x == 1)`), keeping its line breaks. We do the same, line by
//! line, on the C file's tree, where spatch's printer is known to agree with the spacing of
//! added code; a line it prints in ways of its own (`}else {`, `}while(x > 0);`, a `case`
//! moved to column 0) or that holds a directive is kept as the C code has it; a comment keeps
//! the blanks before it.

use super::plus_lines::LaidOut;
use super::CCode;
use c_parser::SyntaxKind::{self, *};
use c_parser::SyntaxToken;
use rewriter::layout::{LineToken, SourceLine};
use std::ops::Range;

/// The statement of `range` (whose text is `text`) laid out as spatch reprints it, or its
/// text as it is when the C tree does not hold it there (a binding of an earlier rule, made
/// before edits moved the code) or holds code whose tokens span lines.
pub(super) fn laid_out_statement(c: &CCode, range: &Range<usize>, text: &str) -> LaidOut {
    match statement_tokens(c, range, text) {
        Some(tokens) => lay_out_lines(&tokens, true),
        None => laid_out_alone(text),
    }
}

/// Bound code that added code writes as the C code has it (a declaration, a field list, an
/// expression holding a comment): its lines as written, laid out from the C tree as added
/// code is.
pub(super) fn laid_out_as_written(c: &CCode, range: &Range<usize>, text: &str) -> LaidOut {
    match statement_tokens(c, range, text) {
        Some(tokens) => lay_out_lines(&tokens, false),
        None if text.contains('\n') => laid_out_alone(text),
        None => LaidOut::plain(text.to_string()),
    }
}

/// Bound code whose tree is not in the C file's tree where the binding lies (made by an
/// earlier rule, before edits moved the code): laid out from its own parse as the body of a
/// function; when that does not hold it whole either (a comment over lines), its lines with
/// the indentation that those after the first share taken away.
fn laid_out_alone(text: &str) -> LaidOut {
    let wrapped = format!("void rcocci_value(void)\n{{\n{text}\n}}\n");
    let parse = c_parser::parse(&wrapped, &c_parser::ParseOptions::default());
    let start = wrapped.find('{').map_or(0, |b| b + 2);
    let c = CCode {
        text: &wrapped,
        root: &parse.root,
        macro_body: None,
    };
    if let Some(tokens) = statement_tokens(&c, &(start..start + text.len()), text) {
        return lay_out_lines(&tokens, false);
    }
    let mut lines = text.lines();
    let first = lines.next().unwrap_or("").trim();
    let rest: Vec<&str> = lines.collect();
    let mut out = vec![first.to_string()];
    out.extend(rewriter::lines::shift_block(&rest.join("\n")));
    LaidOut::plain(out.join("\n"))
}

/// An expression or parameter list bound to a metavariable as added code shows it: printed
/// anew on one line from the C file's tree (`foo(a,b+1,\n  c)` gives `a, b + 1, c`,
/// `(struct s*p,int  n)` gives `struct s *p, int n`), as spatch 1.1.1 prints it; kept as written when it holds a comment, a directive or code the parser could
/// not read, or when the tree does not hold it (see [`laid_out_statement`]).
pub(super) fn laid_out_list(c: &CCode, range: &Range<usize>, text: &str) -> String {
    let Some(tokens) = statement_tokens(c, range, text) else {
        return laid_out_as_written(c, range, text).text;
    };
    let code: Vec<&SyntaxToken> = tokens.iter().filter(|t| !t.kind().is_trivia()).collect();
    let unreadable = |t: &SyntaxToken| t.parent_ancestors().any(|n| n.kind() == SyntaxKind::ERROR);
    if tokens
        .iter()
        .any(|t| matches!(t.kind(), COMMENT | DIRECTIVE))
        || code.iter().any(|t| unreadable(t))
    {
        return laid_out_as_written(c, range, text).text;
    }
    let mut spacer = rewriter::Spacer::new();
    for t in code {
        spacer.push(t, t.text());
    }
    spacer.finish()
}

/// The C tree's tokens of `range`, trivia included, when they are exactly `text`.
fn statement_tokens(c: &CCode, range: &Range<usize>, text: &str) -> Option<Vec<SyntaxToken>> {
    if range.is_empty() || c.text.get(range.clone()) != Some(text) {
        return None;
    }
    let start = c_parser::TextSize::try_from(range.start).ok()?;
    let end = c_parser::TextSize::try_from(range.end).ok()?;
    let mut token = c.root.token_at_offset(start).right_biased()?;
    let mut tokens = Vec::new();
    loop {
        let r = token.text_range();
        if r.start() < start || r.end() > end {
            return None;
        }
        let line_break = matches!(token.kind(), NEWLINE | WHITESPACE);
        if !line_break && token.text().contains('\n') {
            // A comment, a string or a directive over lines: kept whole.
            return None;
        }
        tokens.push(token.clone());
        if r.end() == end {
            // The tree is the text's (not that of a macro body's own parse).
            let joined: String = tokens.iter().map(|t| t.text()).collect();
            return (joined == text).then_some(tokens);
        }
        token = token.next_token()?;
    }
}

/// The tokens' lines, each printed anew (when `reprinted`) unless it is one spatch prints its
/// own way, then laid
/// out from the C tree as added code is (statements on lines of their own, levels from the
/// blocks and unbraced bodies), relative to the first line.
fn lay_out_lines(tokens: &[SyntaxToken], reprinted: bool) -> LaidOut {
    let mut lines = Vec::new();
    for line in tokens.split_inclusive(|t| t.text().contains('\n')) {
        let content = match line.last() {
            Some(last) if last.text().contains('\n') => &line[..line.len() - 1],
            _ => line,
        };
        let indent = content
            .iter()
            .take_while(|t| t.kind() == WHITESPACE)
            .count();
        let code = &content[indent..];
        let (written, tokens) = if !reprinted || code.iter().any(kept_as_written) {
            as_written(code)
        } else {
            lay_out_line(code)
        };
        lines.push(SourceLine {
            indent: content[..indent].iter().map(|t| t.text()).collect(),
            written,
            kept: true,
            directive: code.iter().any(|t| t.kind() == DIRECTIVE),
            ends_with_line_comment: code
                .iter()
                .rfind(|t| t.kind() != WHITESPACE)
                .is_some_and(|t| t.kind() == COMMENT && t.text().starts_with("//")),
            tokens,
            continues_trivia: false,
        });
    }
    LaidOut::joined(&rewriter::layout::lay_out(
        &lines,
        rewriter::spacing::Printer::ReprintedCode,
    ))
}

/// A line's code as the C code writes it, with where each code token starts.
fn as_written(code: &[SyntaxToken]) -> (String, Vec<LineToken>) {
    let mut out = String::new();
    let mut tokens = Vec::new();
    for t in code {
        if !t.kind().is_trivia() {
            tokens.push(line_token(t, out.len()));
        }
        out.push_str(t.text());
    }
    (out, tokens)
}

fn line_token(t: &SyntaxToken, at: usize) -> LineToken {
    LineToken {
        token: t.clone(),
        text: t.text().to_string(),
        at,
        block: false,
    }
}

/// Whether the C code bound at `range` is a block (`{ ... }`), on the C file's tree.
pub(super) fn is_block(c: &CCode, range: &Range<usize>) -> bool {
    let Ok(at) = c_parser::TextSize::try_from(range.start) else {
        return false;
    };
    c.root.token_at_offset(at).right_biased().is_some_and(|t| {
        t.kind() == L_BRACE
            && t.parent().is_some_and(|p| {
                p.kind() == COMPOUND_STMT && usize::from(p.text_range().end()) == range.end
            })
    })
}

/// A line's code written anew, with where each code token starts; a comment in it keeps the
/// blanks before it as written, and so does code after a comment (`a(b, c);   /* why */`, as
/// spatch prints it).
fn lay_out_line(code: &[SyntaxToken]) -> (String, Vec<LineToken>) {
    let mut out = String::new();
    let mut tokens = Vec::new();
    let mut spacer = rewriter::Spacer::reprinting();
    let mut blank = "";
    let mut after_comment = false;
    for t in code {
        match t.kind() {
            WHITESPACE => blank = t.text(),
            COMMENT => {
                out.push_str(
                    &std::mem::replace(&mut spacer, rewriter::Spacer::reprinting()).finish(),
                );
                out.push_str(blank);
                out.push_str(t.text());
                after_comment = true;
            }
            _ => {
                if after_comment {
                    out.push_str(blank);
                    after_comment = false;
                }
                spacer.push(t, t.text());
                tokens.push(line_token(t, out.len() + spacer.len() - t.text().len()));
            }
        }
        if t.kind() != WHITESPACE {
            blank = "";
        }
    }
    out.push_str(&spacer.finish());
    (out, tokens)
}

/// Whether a token makes its line one to keep as written: a directive, code the
/// parser could not read, or what spatch 1.1.1 prints its own way (`}else`, a `do` loop's
/// `}while(x > 0);`, `case` and `default` lines).
fn kept_as_written(token: &SyntaxToken) -> bool {
    let parent = token.parent().map_or(ERROR, |p| p.kind());
    matches!(token.kind(), DIRECTIVE | ELSE_KW | DO_KW)
        || matches!(parent, LABEL_STMT | CASE_LABEL | DEFAULT_LABEL)
        || (token.kind() == WHILE_KW && parent == DO_STMT)
        || token
            .parent_ancestors()
            .any(|n| n.kind() == SyntaxKind::ERROR)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The second statement of `body` (inside a function, after `f();`) laid out as a bound
    /// statement.
    fn reprinted(body: &str) -> String {
        reprinted_lines(body).text
    }

    /// As [`reprinted`], with the lines that start with a label.
    fn reprinted_lines(body: &str) -> LaidOut {
        let text = format!("void g(void)\n{{\n\tf();\n\t{body}\n}}\n");
        let parse = c_parser::parse(&text, &c_parser::ParseOptions::default());
        let start = text.find(body).expect("the statement");
        let range = start..start + body.len();
        let c = CCode {
            text: &text,
            root: &parse.root,
            macro_body: None,
        };
        laid_out_statement(&c, &range, body)
    }

    #[test]
    fn labels_of_a_bound_block_are_told_from_its_tree() {
        let block = reprinted_lines("{\n\t\tif (rc)\n\t\t\tgoto out;\nout:\n\t\tstop();\n\t}");
        // At the block's level: the rewriter puts a label line one level out.
        assert_eq!(
            block.text,
            "{\n\tif (rc)\n\t\tgoto out;\n\tout:\n\tstop();\n}"
        );
        assert_eq!(block.label_lines, vec![3]);
        let switch =
            reprinted_lines("switch (x) {\n\tcase 1:\n\t\tbreak;\n\tdefault:\n\t\tf();\n\t}");
        assert!(switch.label_lines.is_empty());
    }

    #[test]
    fn headers_and_simple_statements_are_printed_anew_and_laid_out() {
        assert_eq!(reprinted("if(1) {\n\t\tf();\n\t}"), "if (1) {\n\tf();\n}");
        assert_eq!(reprinted("x=y+1;"), "x = y + 1;");
        assert_eq!(reprinted("return(x+1);"), "return (x + 1);");
        assert_eq!(reprinted("while(x<3)   x++;"), "while (x < 3)\n\tx++;");
        assert_eq!(
            reprinted("if(x==1&&y) {\n\t\treplace(a,b);\n\t}"),
            "if (x == 1 && y) {\n\treplace(a, b);\n}"
        );
        assert_eq!(reprinted("p=(char*)q[1]->r;"), "p = (char *)q[1]->r;");
    }

    /// The arguments `args` of a call to `g` laid out as a bound expression list.
    fn reprinted_arguments(args: &str) -> String {
        let text = format!("void h(void)\n{{\n\tg({args});\n}}\n");
        let parse = c_parser::parse(&text, &c_parser::ParseOptions::default());
        let start = text.find(args).expect("the arguments");
        let c = CCode {
            text: &text,
            root: &parse.root,
            macro_body: None,
        };
        laid_out_list(&c, &(start..start + args.len()), args)
    }

    #[test]
    fn an_expression_list_is_printed_anew_on_one_line() {
        assert_eq!(reprinted_arguments("a,b+1,  c"), "a, b + 1, c");
        assert_eq!(reprinted_arguments("x,\n\t    y*2"), "x, y * 2");
        assert_eq!(reprinted_arguments("&s->f,-1"), "&s->f, -1");
        // A comment keeps the list as written.
        assert_eq!(reprinted_arguments("a, /* b */ c"), "a, /* b */ c");
    }

    #[test]
    fn a_parameter_list_is_printed_anew_on_one_line() {
        let text = "int osc_prep(struct osc_io*oio,int  n,\n\t     char *buf)\n{\n}\n";
        let parse = c_parser::parse(text, &c_parser::ParseOptions::default());
        let params = "struct osc_io*oio,int  n,\n\t     char *buf";
        let start = text.find(params).expect("the parameters");
        let c = CCode {
            text,
            root: &parse.root,
            macro_body: None,
        };
        assert_eq!(
            laid_out_list(&c, &(start..start + params.len()), params),
            "struct osc_io *oio, int n, char *buf"
        );
    }

    #[test]
    fn a_reprinted_for_header_is_spaced_as_c_code() {
        assert_eq!(
            reprinted("for(i=0;i<3;i++){ a=b; }"),
            "for (i = 0; i < 3; i++) {\n\ta = b;\n}"
        );
        assert_eq!(reprinted("for(;;) x();"), "for (;;)\n\tx();");
    }

    #[test]
    fn lines_spatch_prints_its_own_way_are_kept() {
        assert_eq!(
            reprinted("if(x) {\n\t\ta();\n\t} else {\n\t\tb(x,1);\n\t}"),
            "if (x) {\n\ta();\n} else {\n\tb(x, 1);\n}"
        );
        assert_eq!(
            reprinted("do { x--; } while(x>0);"),
            "do {\n\tx--;\n} while(x>0);"
        );
        assert_eq!(
            reprinted("switch(x){\n\tcase 1: a(); break;\n\t}"),
            "switch (x) {\n\tcase 1: a();\n\tbreak;\n}"
        );
    }

    #[test]
    fn a_comment_keeps_the_blanks_before_it() {
        assert_eq!(
            reprinted("if(x) {\n\t\ta(b,c);   /* c */\n\t}"),
            "if (x) {\n\ta(b, c);   /* c */\n}"
        );
        assert_eq!(
            reprinted("if(x) { // why\n\t\ta(b,c);\n\t}"),
            "if (x) { // why\n\ta(b, c);\n}"
        );
        // As spatch 1.1.1 prints it.
        assert_eq!(reprinted("a=/* v */ b;"), "a =/* v */ b;");
    }
}

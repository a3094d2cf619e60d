//! Where plus code meets the C code it is put beside: the gaps at the seams, decided on the
//! plus tree's tokens at the code's edges and the C file's tokens next to them.

use super::{c_syntax_token_at, c_token_at, ends_line, push_inline, CCode, MatchChanges};
use crate::pattern::Pattern;
use c_parser::SyntaxKind;
use rewriter::AddedCode;
use smpl_parser::PlusRun;
use std::ops::Range;

/// The first and last tokens of a run of plus code in the plus tree: what the code's edges
/// are, for the spacing against the C code it is put beside.
pub(super) struct RunEdges {
    first: Option<c_parser::SyntaxToken>,
    last: Option<c_parser::SyntaxToken>,
    /// The pattern's token before the run in the plus tree (the token it is added after).
    before: Option<c_parser::SyntaxToken>,
}

pub(super) fn run_edges(pat: &Pattern, run: &PlusRun) -> RunEdges {
    let token = |i: usize| {
        let t = pat.body.plus_tokens.get(i)?;
        let at = c_parser::TextSize::try_from(t.offset).ok()?;
        pat.plus_tree.token_at_offset(at).right_biased()
    };
    let first = token(run.tokens.start);
    let mut before = first.as_ref().and_then(|t| t.prev_token());
    while let Some(t) = before.as_ref().filter(|t| t.kind().is_trivia()) {
        before = t.prev_token();
    }
    RunEdges {
        first,
        last: run.tokens.end.checked_sub(1).and_then(token),
        before,
    }
}

/// Code added in the line just before offset `at` of the C text, with a space after it
/// when it would otherwise touch the code there.
pub(super) fn add_inline_before(
    ch: &mut MatchChanges,
    at: usize,
    code: AddedCode,
    c: &CCode,
    run: &RunEdges,
) {
    let code = spaced_from_c_after(code, at, c, run, rewriter::spacing::space_before_c_code);
    push_inline(ch, at, code);
}

/// `code`, put at offset `at`, with a space after it when the C token there would
/// otherwise touch it, as `spaced` decides on the run's last token and that C token.
fn spaced_from_c_after(
    code: AddedCode,
    at: usize,
    c: &CCode,
    run: &RunEdges,
    spaced: fn(&c_parser::SyntaxToken, &c_parser::SyntaxToken) -> bool,
) -> AddedCode {
    let c_next = c_syntax_token_at(c, at, false);
    let tokens = run.last.as_ref().zip(c_next.as_ref());
    match needs_space(&code.text, &c_token_at(c, at, false), tokens, spaced) {
        true => code.map_text(|t| format!("{t} ")),
        false => code,
    }
}

/// Code added in the line just after offset `at`, with a space before it when needed: as
/// the rule's token it follows is spaced from it in the plus tree, which says what that
/// token is where the C code may say less (`T` + `*` is `char * *buf` with T bound to
/// `char *`, while `char *` + `*` is `char **buf`, as spatch writes them).
pub(super) fn add_inline_after(
    ch: &mut MatchChanges,
    at: usize,
    code: AddedCode,
    c: &CCode,
    run: &RunEdges,
) {
    let c_token = c_syntax_token_at(c, at, true);
    let spaced = needs_space(
        &c_token_at(c, at, true),
        &code.text,
        run.before
            .as_ref()
            .or(c_token.as_ref())
            .zip(run.first.as_ref()),
        rewriter::space_between,
    );
    // The C token after the code, when it touches it (`(` + `char i,` before `int bar`).
    let code = spaced_from_c_after(
        code,
        at,
        c,
        run,
        rewriter::spacing::space_after_inserted_code,
    );
    let code = match spaced {
        true => code.map_text(|t| format!(" {t}")),
        false => code,
    };
    push_inline(ch, at, code);
}

/// Whether a space must separate two neighbouring pieces of code: never beside a blank,
/// always between two words, else as the tree tokens at the seam (the plus code's and the C
/// file's) are spaced.
fn needs_space(
    left: &str,
    right: &str,
    tokens: Option<(&c_parser::SyntaxToken, &c_parser::SyntaxToken)>,
    spaced: fn(&c_parser::SyntaxToken, &c_parser::SyntaxToken) -> bool,
) -> bool {
    let (Some(a), Some(b)) = (left.chars().last(), right.chars().next()) else {
        return false;
    };
    if a.is_whitespace() || b.is_whitespace() {
        return false;
    }
    let word = |c: char| c.is_alphanumeric() || c == '_';
    if word(a) && word(b) {
        return true;
    }
    tokens.is_some_and(|(l, r)| spaced(l, r))
}

/// The blanks between replaced C code and the C declarator after it, when the code put in
/// its place ends with a declarator's `*` (`- LPINT + int *` on `LPINT x` is `int *x`,
/// as spatch writes a pointer type before a name): the star goes against the declarator.
pub(super) fn blank_before_declarator(
    c: &CCode,
    end: usize,
    run: &RunEdges,
) -> Option<Range<usize>> {
    let last = run.last.as_ref()?;
    let blank = c_syntax_token_at(c, end, false)?;
    if blank.kind() != SyntaxKind::WHITESPACE {
        return None;
    }
    let next = blank.next_token()?;
    rewriter::spacing::star_goes_against(last, &next).then(|| {
        let r = blank.text_range();
        usize::from(r.start())..usize::from(r.end())
    })
}

/// Whether a line of plus code added after C code whose line goes on stays in that line
/// (one expression's code: `char i,` after `func(` before `int bar`): it is then spaced
/// against the C tokens on both sides as the trees at the seams say (`char *` + `*` is
/// `char **buf`, `,` takes a space after it), as code added in a line is.
pub(super) fn stays_in_c_line(c: &CCode, at: usize, code: &AddedCode) -> bool {
    !ends_line(c.text, at) && code.is_expression()
}

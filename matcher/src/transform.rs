//! From matches to edits: the C tokens under minus pattern tokens are removed, plus code is
//! built with the bindings' text and placed at the C positions of its anchors.

mod bound_statement;
mod break_marks;
mod code_facts;
mod declarators;
mod parens;
mod placement;
mod plus_code;
mod plus_lines;
mod seams;
use crate::env::Env;
use crate::pattern::Pattern;
use crate::search::Match;
use c_parser::{SyntaxKind, SyntaxNode};
use declarators::Decorations;
pub use parens::CCode;
use rewriter::{AddedCode, Addition, Placement};
use smpl_parser::{AnchorPlace, Mark, MetavarKind, PlusRun};
use std::ops::Range;

/// What one match does to the text.
#[derive(Clone, Debug, Default)]
pub struct MatchChanges {
    pub removals: Vec<Range<usize>>,
    pub additions: Vec<Addition>,
    /// Whole statements that end with an `if`'s or a loop's body and have code added after
    /// them: the addition goes after the statement, at its level, not into its body.
    pub after_statement: Vec<Range<usize>>,
    /// The C ranges of the tokens (or metavariables) plus code is added after.
    pub after_ranges: Vec<Range<usize>>,
    /// Code of `++` lines: several matches may add it at the same place.
    pub repeatable: Vec<Addition>,
    /// Those of `repeatable` added after a token the rule keeps (`{` + `++ char x;`): each
    /// match's code goes right after the token, before what earlier matches added there.
    pub stacked_after: Vec<Addition>,
    /// C statements that are the body of one of the pattern's own `if`s, `else`s or loops
    /// and that the pattern replaces: the added code stands there as the rule writes it,
    /// without new braces (as spatch does: `if (E) - S + a(); + b();`).
    pub replaced_bodies: Vec<Range<usize>>,
}

impl MatchChanges {
    /// The statement (or other C range) that a line addition follows, when the match adds
    /// code after one ending there: the outermost of those that end at the addition.
    pub fn statement_before(&self, a: &Addition) -> Option<Range<usize>> {
        if a.placement != Placement::LinesAfter {
            return None;
        }
        self.after_ranges
            .iter()
            .filter(|r| r.end == a.at && r.start < r.end)
            .min_by_key(|r| r.start)
            .cloned()
    }

    pub fn is_empty(&self) -> bool {
        self.removals.is_empty()
            && self.additions.is_empty()
            && self.repeatable.is_empty()
            && self.stacked_after.is_empty()
    }
}

/// Whether the token at `offset` of a slice is the first (or last) significant thing on its
/// line.
fn starts_line(text: &str, offset: usize) -> bool {
    let ls = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    text[ls..offset]
        .chars()
        .all(|c| c.is_whitespace() || matches!(c, '+' | '-' | '*' | '?'))
        || only_markers_and_space(&text[ls..offset])
}

fn only_markers_and_space(s: &str) -> bool {
    s.trim().is_empty()
}

pub(super) fn ends_line(text: &str, end: usize) -> bool {
    let le = text[end..].find('\n').map_or(text.len(), |i| end + i);
    let rest = text[end..le].trim();
    rest.is_empty() || rest.starts_with("//") || (rest.starts_with("/*") && rest.ends_with("*/"))
}

/// The text of the C file's token (whitespace and comments included) that ends at `at`
/// (`ending`) or starts there, from the file's tree: the neighbour added code could touch.
pub(super) fn c_token_at(c: &CCode, at: usize, ending: bool) -> String {
    c_syntax_token_at(c, at, ending).map_or_else(String::new, |t| t.text().to_string())
}

/// The C file's token that ends at `at` (`ending`) or starts there.
pub(super) fn c_syntax_token_at(
    c: &CCode,
    at: usize,
    ending: bool,
) -> Option<c_parser::SyntaxToken> {
    let offset = c_parser::TextSize::try_from(at).ok()?;
    if offset > c.root.text_range().end() {
        return None;
    }
    let tokens = c.root.token_at_offset(offset);
    if ending {
        tokens.left_biased()
    } else {
        tokens.right_biased()
    }
}

pub(super) fn push_inline(ch: &mut MatchChanges, at: usize, code: AddedCode) {
    ch.additions.push(Addition {
        at,
        code,
        placement: Placement::Inline,
    });
}

/// The changes of one match: its own, then those of each occurrence of a nest (with the
/// match's bindings and the occurrence's own).
pub fn match_changes(pat: &Pattern, m: &Match, c: &CCode) -> MatchChanges {
    let mut ch = env_changes(pat, &m.env, None, c);
    let mut stack: Vec<Env> = m.env.nested.clone();
    while let Some(mut sub) = stack.pop() {
        stack.extend(std::mem::take(&mut sub.nested));
        let mut bindings = m.env.bindings.clone();
        bindings.extend(sub.bindings.iter().cloned());
        sub.bindings = bindings;
        let sub_ch = env_changes(pat, &sub, Some(&m.env), c);
        ch.removals.extend(sub_ch.removals);
        ch.additions.extend(sub_ch.additions);
        ch.after_statement.extend(sub_ch.after_statement);
        ch.after_ranges.extend(sub_ch.after_ranges);
        ch.repeatable.extend(sub_ch.repeatable);
        ch.stacked_after.extend(sub_ch.stacked_after);
        ch.replaced_bodies.extend(sub_ch.replaced_bodies);
    }
    ch
}

/// The changes of one environment; `owner` is the match's own environment when `env` is
/// one of its nested ones.
fn env_changes(pat: &Pattern, env: &Env, owner: Option<&Env>, c: &CCode) -> MatchChanges {
    let c_text = c.text;
    let env = &crate::statement_directives::map_statement_directives(pat, env, c_text);
    let mut ch = MatchChanges::default();
    for (i, r) in &env.token_map {
        // A `*` line of a context rule is shown as removed (the rule's report is a diff).
        if matches!(pat.body.tokens[*i].mark, Mark::Minus | Mark::Star) && !r.is_empty() {
            ch.removals.push(r.clone());
        }
    }
    // What the pattern leaves implicit (`static`, a return type, `const`) goes only with
    // code that is removed outright; replaced code keeps it.
    for (i, r) in env.implicit.iter().chain(env.implicit_qualifiers.iter()) {
        let removed_outright = pat.body.plus_runs.is_empty() || in_removed_function(pat, *i);
        if pat.body.tokens[*i].mark == Mark::Minus && !r.is_empty() && removed_outright {
            ch.removals.push(r.clone());
        }
    }
    for run in &pat.body.plus_runs {
        let from = ch.additions.len();
        placement::run_changes(pat, env, owner, c, run, &mut ch);
        // `++` code may be added at one place by several matches.
        if crate::multi_decl::is_repeatable(pat, run.tokens.start) {
            let added = ch.additions.split_off(from);
            let after_kept = matches!(run.place, AnchorPlace::After(i)
                if pat.body.tokens[i].mark == Mark::Context);
            if after_kept {
                ch.stacked_after.extend(added);
            } else {
                ch.repeatable.extend(added);
            }
        }
    }
    ch
}

/// Whether pattern token `i` lies in a function definition removed whole (its header and
/// body all minus): what the pattern left implicit there (the return type) goes with it,
/// even when new code takes its place.
fn in_removed_function(pat: &Pattern, i: usize) -> bool {
    let Ok(at) = c_parser::TextSize::try_from(pat.body.tokens[i].offset) else {
        return false;
    };
    let Some(tok) = pat.minus_tree.token_at_offset(at).right_biased() else {
        return false;
    };
    let Some(def) = tok
        .parent_ancestors()
        .find(|a| a.kind() == SyntaxKind::FUNCTION_DEF)
    else {
        return false;
    };
    crate::syntax::sig_tokens(&c_parser::SyntaxElement::Node(def))
        .iter()
        .all(|t| {
            pat.token_index(t)
                .is_some_and(|j| pat.body.tokens[j].mark == Mark::Minus)
        })
}

/// The declared name, when plus code of stars follows a type metavariable (pattern token
/// `i`) whose name (the next pattern token) the C code declares as an array: the stars make
/// a pointer to the array, not an array of pointers.
fn pointer_to_declared_array(
    pat: &Pattern,
    env: &Env,
    c: &CCode,
    i: usize,
    run: &PlusRun,
) -> Option<Range<usize>> {
    let is_type = pat.body.tokens[i]
        .metavar
        .is_some_and(|m| matches!(pat.metavars[m].kind, MetavarKind::Type));
    let added = &pat.body.plus_tokens[run.tokens.clone()];
    if !is_type || added.is_empty() || added.iter().any(|t| t.kind != SyntaxKind::STAR) {
        return None;
    }
    let name = env.token_range(i + 1)?;
    let at = c_parser::TextSize::try_from(name.start).ok()?;
    let token = c.root.token_at_offset(at).right_biased()?;
    let name_node = token.parent().filter(|n| n.kind() == SyntaxKind::NAME)?;
    let declarator = name_node.parent()?;
    let first_child = declarator.children().next();
    (declarator.kind() == SyntaxKind::ARRAY_DECLARATOR && first_child == Some(name_node))
        .then_some(name)
}

/// Whether pattern token `i` is a brace of an initializer list (`= { .f = 1, }`).
fn in_initializer_list(pat: &Pattern, i: usize) -> bool {
    tree_token(pat, i)
        .and_then(|t| t.parent())
        .is_some_and(|p| p.kind() == SyntaxKind::INITIALIZER_LIST)
}

/// Where the element after pattern token `i` starts, when it matched C code that does not
/// directly follow the token's own (code the pattern does not name lies between them).
fn skipped_code_follows(pat: &Pattern, env: &Env, c: &CCode, i: usize) -> Option<usize> {
    let next_token = pat.body.tokens.get(i + 1)?;
    if next_token.kind == SyntaxKind::DOTS {
        return None;
    }
    let r = env.token_range(i).filter(|r| !r.is_empty())?;
    let next = env
        .token_range(i + 1)
        .filter(|n| !n.is_empty() && n.start >= r.end)?;
    // The file's tokens between the two: code, not only comments and directives.
    (!rewriter::file_tokens::only_comments_and_directives(c.root, c.text, r.end..next.start))
        .then_some(next.start)
}

/// Whether pattern token `i` is a comma after `...` that matched no list elements.
fn leading_comma_unmatched(pat: &Pattern, env: &Env, i: usize) -> bool {
    pat.body.tokens[i].kind == SyntaxKind::COMMA
        && i > 0
        && pat.body.tokens[i - 1].kind == SyntaxKind::DOTS
        && env.token_range(i).is_none_or(|r| r.is_empty())
        && env.token_range(i - 1).is_none_or(|r| r.is_empty())
}

/// For a pattern comma that matched nothing (the C list ends without one), the C range of
/// the element before it.
fn trailing_comma_element(pat: &Pattern, env: &Env, comma: usize) -> Option<Range<usize>> {
    if pat.body.tokens[comma].kind != SyntaxKind::COMMA {
        return None;
    }
    let prev = comma.checked_sub(1)?;
    env.token_range(prev).filter(|r| !r.is_empty())
}

/// The pattern token's token in the minus tree.
fn tree_token(pat: &Pattern, token: usize) -> Option<c_parser::SyntaxToken> {
    let t = &pat.body.tokens[token];
    pat.minus_tree
        .token_at_offset(c_parser::TextSize::from(t.offset as u32))
        .right_biased()
}

/// Whether the pattern tokens `first..=last` are the whole body of one of the pattern's own
/// `if`s, `else`s or loops.
fn is_control_body(pat: &Pattern, first: usize, last: usize) -> bool {
    let Some(tok) = tree_token(pat, first) else {
        return false;
    };
    let (start, end) = (
        pat.body.tokens[first].offset,
        pat.body.tokens[last].offset + pat.body.tokens[last].len,
    );
    tok.parent_ancestors()
        .take_while(|n| {
            crate::syntax::sig_range(&c_parser::SyntaxElement::Node(n.clone())).start == start
        })
        .any(|n| {
            crate::syntax::is_statement(n.kind())
                && crate::syntax::sig_range(&c_parser::SyntaxElement::Node(n.clone())).end == end
                && n.parent()
                    .is_some_and(|p| crate::syntax::holds_body_statement(p.kind()))
        })
}

/// The pattern's `{` of the block that pattern token `token` closes, when it is a block's `}`.
fn pattern_block_open(pat: &Pattern, token: usize) -> Option<usize> {
    let tok = tree_token(pat, token)?;
    if tok.kind() != SyntaxKind::R_BRACE {
        return None;
    }
    let block = tok
        .parent()
        .filter(|p| p.kind() == SyntaxKind::COMPOUND_STMT)?;
    let open = crate::syntax::sig_children(&block)
        .first()?
        .as_token()?
        .clone();
    pat.token_index(&open)
}

/// The first token of the pattern's own outermost `if` or loop that ends at pattern token
/// `token`, when there is one.
fn pattern_control_statement(pat: &Pattern, token: usize) -> Option<c_parser::SyntaxToken> {
    let t = &pat.body.tokens[token];
    let tok = tree_token(pat, token)?;
    let end = t.offset + t.len;
    let statement = tok
        .parent_ancestors()
        .filter(|n| {
            is_control_statement(n.kind())
                && crate::syntax::sig_range(&c_parser::SyntaxElement::Node(n.clone())).end == end
        })
        .last()?;
    crate::syntax::sig_tokens(&c_parser::SyntaxElement::Node(statement))
        .into_iter()
        .next()
}

/// Where the outermost `if` or loop starts that ends the C code a metavariable matched (`S`
/// bound to `if (x) y();`), when there is one.
fn c_control_statement_start(c: &CCode, r: &Range<usize>) -> Option<usize> {
    let end = c_parser::TextSize::try_from(r.end).ok()?;
    let last = c.root.token_at_offset(end).left_biased()?;
    last.parent_ancestors()
        .take_while(|n| usize::from(n.text_range().start()) >= r.start)
        .filter(|n| is_control_statement(n.kind()) && usize::from(n.text_range().end()) == r.end)
        .last()
        .map(|n| usize::from(n.text_range().start()))
}

fn is_control_statement(kind: SyntaxKind) -> bool {
    matches!(
        kind,
        SyntaxKind::IF_STMT
            | SyntaxKind::WHILE_STMT
            | SyntaxKind::FOR_STMT
            | SyntaxKind::ITERATOR_STMT
    )
}

/// Whether a pattern token is a statement-level `...` (or a nest's closing), or ends one of
/// its `when` clauses: code added after it goes where the paths reach.
fn ends_dots(pat: &Pattern, token: usize) -> bool {
    let Some(tok) = tree_token(pat, token) else {
        return false;
    };
    let statement_level = |n: &SyntaxNode| {
        matches!(n.kind(), SyntaxKind::DOTS_NODE | SyntaxKind::NEST)
            && n.parent().is_some_and(|p| {
                matches!(
                    p.kind(),
                    SyntaxKind::COMPOUND_STMT | SyntaxKind::SMPL_BODY | SyntaxKind::DISJ_BRANCH
                )
            })
    };
    let Some(parent) = tok.parent() else {
        return false;
    };
    let own_token = matches!(
        tok.kind(),
        SyntaxKind::DOTS | SyntaxKind::NEST_CLOSE | SyntaxKind::NEST_PLUS_CLOSE
    );
    if own_token {
        return statement_level(&parent);
    }
    tok.parent_ancestors()
        .find(|n| n.kind() == SyntaxKind::WHEN_CLAUSE)
        .and_then(|w| w.parent())
        .is_some_and(|d| statement_level(&d))
}

/// Whether the pattern tokens `first..=last` are exactly an expression of the pattern.
fn replaces_expression(pat: &Pattern, first: usize, last: usize) -> bool {
    let (a, b) = (&pat.body.tokens[first], &pat.body.tokens[last]);
    let Some(tok) = tree_token(pat, first) else {
        return false;
    };
    let mut node = tok.parent();
    let mut found = false;
    while let Some(n) = node {
        let r = crate::syntax::sig_range(&c_parser::SyntaxElement::Node(n.clone()));
        if r.start != a.offset {
            break;
        }
        // The outermost node of the same code decides, unless it is only the body's root
        // around an expression written alone.
        if r.end == b.offset + b.len && n.kind() != SyntaxKind::SMPL_BODY {
            found = crate::syntax::is_expression(n.kind()) || is_bare_expression_statement(&n);
        }
        if r.end > b.offset + b.len {
            break;
        }
        node = n.parent();
    }
    found
}

/// A statement node that is really a bare expression: SmPL writes `foo(x)` alone on a line, which
/// parses as an expression or macro statement without its `;`.
fn is_bare_expression_statement(n: &c_parser::SyntaxNode) -> bool {
    matches!(n.kind(), SyntaxKind::MACRO_STMT | SyntaxKind::EXPR_STMT)
        && crate::syntax::sig_children(n)
            .last()
            .is_none_or(|l| l.kind() != SyntaxKind::SEMI)
}

/// Whether a pattern token begins a statement, declaration or top-level item (plus code
/// replacing it then goes on lines of its own).
fn is_statement_level(pat: &Pattern, token: usize) -> bool {
    let t = &pat.body.tokens[token];
    let Some(tok) = tree_token(pat, token) else {
        return false;
    };
    let mut node = tok.parent();
    while let Some(n) = node {
        let r = crate::syntax::sig_range(&c_parser::SyntaxElement::Node(n.clone()));
        if r.start != t.offset || n.kind() == SyntaxKind::SMPL_BODY {
            return false;
        }
        if is_bare_expression_statement(&n) {
            // An expression written alone on a line.
            return false;
        }
        // `- ...` among statements stands for statements.
        if n.kind() == SyntaxKind::DOTS_NODE
            && n.parent().is_some_and(|p| {
                matches!(
                    p.kind(),
                    SyntaxKind::COMPOUND_STMT | SyntaxKind::SMPL_BODY | SyntaxKind::DISJ_BRANCH
                )
            })
        {
            return true;
        }
        if crate::syntax::is_statement(n.kind())
            || matches!(
                n.kind(),
                SyntaxKind::DECLARATION
                    | SyntaxKind::FUNCTION_DEF
                    | SyntaxKind::FIELD_DECL
                    | SyntaxKind::MACRO_DECL
                    | SyntaxKind::DESIGNATED_INIT
                    | SyntaxKind::ENUMERATOR
            )
        {
            return true;
        }
        node = n.parent();
    }
    false
}

/// `node` as the unbraced body of an `if`, `else` or loop, if it is one: braces are added
/// if the rewrite leaves several statements there. It comes with whether it is a block and
/// where its `if`, `else` or loop starts.
pub fn unbraced_body(node: &SyntaxNode) -> Option<UnbracedBody> {
    if !crate::syntax::is_statement(node.kind()) {
        return None;
    }
    let parent = node.parent()?;
    crate::syntax::holds_body_statement(parent.kind()).then(|| UnbracedBody {
        range: crate::syntax::sig_range(&c_parser::SyntaxElement::Node(node.clone())),
        is_block: node.kind() == SyntaxKind::COMPOUND_STMT,
        statement_start: crate::syntax::sig_range(&c_parser::SyntaxElement::Node(parent)).start,
    })
}

/// The body of an `if`, `else` or loop.
#[derive(Clone, Debug)]
pub struct UnbracedBody {
    pub range: Range<usize>,
    pub is_block: bool,
    /// Where the `if`, `else` or loop it belongs to starts.
    pub statement_start: usize,
}

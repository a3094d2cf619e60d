//! Braces around an unbraced `if`/`else`/loop body that the edits turn into several
//! statements, or `{}` for one they empty.

use crate::added::AddedCode;
use crate::edit::{apply_edits, Edit, EditConflict};
use crate::file_tokens;
use crate::lines::{is_blank, is_trivia, line_end, line_indent, line_start, shift_block};
use crate::rewrite::push_line;
use crate::steps::IndentSteps;
use c_parser::{SyntaxKind, SyntaxNode, SyntaxToken};
use std::collections::{BTreeMap, HashMap};
use std::ops::Range;

/// Sorted, non-overlapping edits that bodies are braced in one after the other: each body
/// looks only at the edits near it, so that bracing many bodies costs n log n.
pub(crate) struct SortedEdits {
    /// Keyed by range, then by the order edits at one range were given in.
    map: BTreeMap<(usize, usize, usize), Edit>,
    next: usize,
}

impl SortedEdits {
    /// `edits` sorted as [`crate::normalize_edits`] leaves them.
    pub(crate) fn new(edits: Vec<Edit>) -> Self {
        let next = edits.len();
        let map = edits
            .into_iter()
            .enumerate()
            .map(|(i, e)| ((e.range.start, e.range.end, i), e))
            .collect();
        SortedEdits { map, next }
    }

    pub(crate) fn into_vec(self) -> Vec<Edit> {
        self.map.into_values().collect()
    }

    /// The edits that touch `region` (reach into it or end or start at its edges), in order.
    fn near(&self, region: &Range<usize>) -> Vec<((usize, usize, usize), &Edit)> {
        // Non-overlapping and sorted by start: their ends never decrease either.
        let mut near: Vec<_> = self
            .map
            .range(..=(region.end, usize::MAX, usize::MAX))
            .rev()
            .take_while(|(_, e)| e.range.end >= region.start)
            .map(|(k, e)| (*k, e))
            .collect();
        near.reverse();
        near
    }

    fn replace(&mut self, gone: &[(usize, usize, usize)], edit: Edit) {
        for key in gone {
            self.map.remove(key);
        }
        self.map
            .insert((edit.range.start, edit.range.end, self.next), edit);
        self.next += 1;
    }
}

/// Code added after whole statements: the statements' starts, by edit.
pub(crate) type Enclosing = HashMap<Edit, Vec<usize>>;

/// What the added code an edit writes holds: how many statements at its top level, and
/// whether its braces balance (a rule that opens a block in one place and closes it in
/// another writes the body's braces itself).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct AddedStatements {
    pub(crate) statements: usize,
    pub(crate) balanced: bool,
}

impl Default for AddedStatements {
    fn default() -> Self {
        AddedStatements {
            statements: 0,
            balanced: true,
        }
    }
}

impl AddedStatements {
    pub(crate) fn of<'c>(codes: impl IntoIterator<Item = &'c AddedCode>) -> AddedStatements {
        codes
            .into_iter()
            .fold(AddedStatements::default(), |all, code| {
                all.and(AddedStatements {
                    statements: code.statements,
                    balanced: code.braces_balance,
                })
            })
    }

    /// The code of both edits as one.
    pub(crate) fn and(self, other: AddedStatements) -> AddedStatements {
        AddedStatements {
            statements: self.statements + other.statements,
            balanced: self.balanced && other.balanced,
        }
    }
}

/// What bracing a body reads around it: the original text and its tree, and what the edits
/// are.
pub(crate) struct Surroundings<'a> {
    pub(crate) text: &'a str,
    pub(crate) root: &'a SyntaxNode,
    pub(crate) enclosing: &'a Enclosing,
    pub(crate) added_statements: &'a HashMap<Edit, AddedStatements>,
    pub(crate) steps: &'a IndentSteps,
}

/// Where the controlling header (`if (x)`, `else`) ends before the body at `body_start`: a
/// comment on the header's line stays with it (`if (x) /* set */ {`), comments on lines of
/// their own go into the braces with the body, as spatch lays them out.
fn header_end(text: &str, body_start: usize) -> usize {
    let mut end = text[..body_start].trim_end().len();
    loop {
        let ls = line_start(text, end.saturating_sub(1));
        let line = &text[ls..end];
        let comment_start = if line.trim_start().starts_with("//") {
            Some(end - line.trim_start().len())
        } else if text[..end].ends_with("*/") {
            text[..end - 2].rfind("/*")
        } else {
            None
        };
        match comment_start {
            Some(cs) if line_start(text, cs) > 0 && is_blank(&text[line_start(text, cs)..cs]) => {
                end = text[..cs].trim_end().len();
            }
            _ => return end,
        }
    }
}

/// Where an unbraced body's new text goes: from the end of the controlling header (`)` or
/// `else`) to the end of the body's last line.
struct BodyRegion {
    header_end: usize,
    /// The end of the body's last line.
    line_end: usize,
    /// Nothing else is on the body's last line (a `while (...)` of a `do`, an `else`, a
    /// closing brace stay after the new `}`).
    rest_blank: bool,
    /// With code after the body on its line, the spaces before that code, which the region
    /// takes (removed code takes them along); one space is put back after the new `}`.
    spaces_after: usize,
    region: Range<usize>,
}

impl BodyRegion {
    fn of(text: &str, body: &Range<usize>) -> BodyRegion {
        let header_end = header_end(text, body.start);
        let le = line_end(text, body.end.saturating_sub(1).max(body.start));
        let after = &text[body.end.min(le)..le];
        let rest_blank = is_blank(after);
        let spaces_after = after.len() - after.trim_start_matches([' ', '\t']).len();
        let end = if !rest_blank {
            body.end + spaces_after
        } else if le < text.len() {
            le + 1
        } else {
            le
        };
        BodyRegion {
            header_end,
            line_end: le,
            rest_blank,
            spaces_after,
            region: header_end..end,
        }
    }

    /// What follows the new body's text: the line break or the space the region took.
    fn tail(&self) -> &'static str {
        if self.rest_blank && self.region.end > self.line_end {
            "\n"
        } else if !self.rest_blank && self.spaces_after > 0 {
            " "
        } else {
            ""
        }
    }
}

/// Wraps an unbraced body in braces when the edits leave it with several statements. The body
/// region runs from the end of the controlling header (`)` or `else`) to the end of the body's
/// last line; edits crossing its boundary leave it alone.
pub(crate) fn brace_body(
    around: &Surroundings,
    body: Range<usize>,
    statement_start: Option<usize>,
    edits: &mut SortedEdits,
) -> Result<(), EditConflict> {
    let (text, root, enclosing) = (around.text, around.root, around.enclosing);
    if body.start > body.end
        || body.end > text.len()
        || !text.is_char_boundary(body.start)
        || !text.is_char_boundary(body.end)
    {
        return Ok(());
    }
    let place = BodyRegion::of(text, &body);
    let region = place.region.clone();
    // Code added after a statement that contains this body is not in the body.
    let after_enclosing = |e: &Edit| {
        enclosing
            .get(e)
            .is_some_and(|starts| starts.iter().any(|&s| s < body.start))
    };
    // Code added after a statement of the body, on the line after it, is in the body.
    let after_inner = |e: &Edit| {
        enclosing
            .get(e)
            .is_some_and(|starts| starts.iter().all(|&s| s >= body.start))
    };
    let inside = |e: &Edit| {
        !after_enclosing(e)
            && region.start <= e.range.start
            && e.range.end <= region.end
            && !(place.rest_blank
                && e.range.is_empty()
                && e.range.start == region.end
                && !after_inner(e))
    };
    let crosses = |e: &Edit| e.range.start < region.end && e.range.end > region.start && !inside(e);
    let near = edits.near(&region);
    if near.iter().any(|(_, e)| crosses(e)) || !near.iter().any(|(_, e)| inside(e)) {
        return Ok(());
    }
    let gone: Vec<(usize, usize, usize)> = near
        .iter()
        .filter(|(_, e)| inside(e))
        .map(|(k, _)| *k)
        .collect();
    let inside_edits: Vec<&Edit> = near.iter().map(|(_, e)| *e).filter(|e| inside(e)).collect();
    let local: Vec<Edit> = inside_edits
        .iter()
        .map(|e| {
            Edit::replace(
                e.range.start - region.start..e.range.end - region.start,
                e.replacement.clone(),
            )
        })
        .collect();
    let new_region = apply_edits(&text[region.clone()], &local)?;
    let added = |e: &Edit| around.added_statements.get(e).copied().unwrap_or_default();
    if inside_edits.iter().any(|e| !added(e).balanced) {
        // The rule opens a block in one place and closes it in another (`+ {` ... `+ }`
        // around the body): it writes the body's braces itself.
        return Ok(());
    }
    let statements = statements_after_edits(root, &body, &inside_edits, &added);
    if statements == 0 && is_trivia(&new_region) {
        // The body's only statement went: an empty block keeps the `if` or loop what it was
        // (spatch writes `{}` where the statement stood).
        let same_line = !text[place.header_end..body.start].contains('\n');
        let mut empty = if same_line {
            " {}".to_string()
        } else {
            format!("\n{}{{}}", line_indent(text, body.start))
        };
        empty.push_str(place.tail());
        edits.replace(&gone, Edit::replace(region, empty));
        return Ok(());
    }
    if statements <= 1 {
        return Ok(());
    }
    let mut braced = braced_text(
        around,
        &body,
        statement_start,
        place.header_end,
        &new_region,
    );
    braced.push_str(place.tail());
    edits.replace(&gone, Edit::replace(region, braced));
    Ok(())
}

/// A body's new text in braces, ` {` after the header and `}` at the statement's
/// indentation.
fn braced_text(
    around: &Surroundings,
    body: &Range<usize>,
    statement_start: Option<usize>,
    header_end: usize,
    new_region: &str,
) -> String {
    let text = around.text;
    // The header's statement may span lines (`if (a ||\n    b)`): its first line counts.
    let outer = match statement_start.filter(|&s| s <= body.start && text.is_char_boundary(s)) {
        Some(start) => line_indent(text, start),
        None => crate::lines::statement_indent(text, around.root, header_end.saturating_sub(1)),
    };
    // Inside the new braces: where the body's own line was indented, if it had its own line
    // deeper than the header; else one step of the file's indentation more.
    let body_indent = line_indent(text, body.start);
    let on_own_lines =
        text[header_end..body.start].contains('\n') && columns(body_indent) > columns(outer);
    let inner = if on_own_lines {
        body_indent.to_string()
    } else {
        format!("{outer}{}", around.steps.near(text, body.start))
    };
    let mut braced = String::from(" {\n");
    // A body that began on the header's line: its first line stands alone, the lines added
    // after it were indented from the header's line.
    let gap = new_region.len() - new_region.trim_start_matches([' ', '\t']).len();
    let body_lines = match new_region[gap..].split_once('\n') {
        Some((first, rest)) if !first.trim().is_empty() => {
            let mut lines = vec![first.trim_end().to_string()];
            lines.extend(shift_block(rest));
            lines
        }
        None if !new_region.trim().is_empty() => vec![new_region.trim().to_string()],
        // Already on lines of their own inside the header's indentation: they stay as they
        // are, as with spatch (a comment left of the body keeps its column).
        _ if on_own_lines => keep_lines(new_region),
        _ => shift_block(new_region),
    };
    // Lines kept as they are carry their own indentation.
    let prefix = if on_own_lines { "" } else { inner.as_str() };
    for line in body_lines {
        push_line(&mut braced, prefix, &line);
        braced.push('\n');
    }
    braced.push_str(closing_indent(text, outer, body.end));
    braced.push('}');
    braced
}

/// The lines of a body between its first and last non-blank line, indentation kept, trailing
/// blanks dropped (blank lines become empty).
fn keep_lines(code: &str) -> Vec<String> {
    let (lines, kept) = crate::lines::trimmed_lines(code);
    lines[kept].iter().map(|l| l.to_string()).collect()
}

/// The indentation of a new closing brace: the statement's, written as the next line of code
/// writes the same column when it does (spatch takes the spelling, tabs or spaces, from the
/// code that follows, in files that mix both, unless that is the enclosing block's `}`).
fn closing_indent<'t>(text: &'t str, statement_indent: &'t str, body_end: usize) -> &'t str {
    let mut at = line_end(text, body_end);
    while at < text.len() {
        let next = at + 1;
        let end = line_end(text, next);
        let code = text[next..end].trim_start();
        // Comments are passed over: spatch reads the spelling from the next code token.
        if code.starts_with("//") {
            at = end;
            continue;
        }
        if code.starts_with("/*") {
            let open = end - code.len();
            let close = text[open + 2..].find("*/").map(|c| open + 2 + c + 2);
            if let Some(close) = close.filter(|&c| is_blank(&text[c..line_end(text, c)])) {
                at = line_end(text, close);
                continue;
            }
        }
        if !is_blank(&text[next..end]) {
            let indent = line_indent(text, next);
            // The enclosing block's own `}` is no statement of this level.
            let closes_block = text[next + indent.len()..end].starts_with('}');
            if !closes_block && columns(indent) == columns(statement_indent) {
                return indent;
            }
            break;
        }
        at = end;
    }
    statement_indent
}

/// The display width of an indentation, tabs to the next multiple of eight.
fn columns(indent: &str) -> usize {
    indent.chars().fold(0, |col, c| {
        if c == '\t' {
            (col / 8 + 1) * 8
        } else {
            col + 1
        }
    })
}

/// How many statements an unbraced body holds at its top level once `edits` (sorted, those
/// inside the body's stretch) are made: its C statements that stay, from the tree, and the
/// statements of the code the edits add between them (code added inside a statement that
/// stays is that statement's).
fn statements_after_edits(
    root: &SyntaxNode,
    body: &Range<usize>,
    edits: &[&Edit],
    added: &impl Fn(&Edit) -> AddedStatements,
) -> usize {
    let gone = |t: &SyntaxToken| {
        let (start, end) = (file_tokens::start_of(t), file_tokens::end_of(t));
        let i = edits.partition_point(|e| e.range.start <= start);
        i > 0 && end <= edits[i - 1].range.end && start < end
    };
    let mut whole = Vec::new();
    let kept: usize = file_tokens::statements_in(root, body)
        .iter()
        .map(|s| kept_statements(s, &gone, &mut whole))
        .sum();
    // An edit that changes code of a statement that stays (or adds code strictly inside it)
    // adds to that statement.
    let inside_kept = |e: &Edit| {
        let r = &e.range;
        whole.iter().any(|w: &Range<usize>| {
            if r.is_empty() {
                w.start < r.start && r.start < w.end
            } else {
                r.start < w.end && w.start < r.end
            }
        })
    };
    let new: usize = edits
        .iter()
        .filter(|e| !inside_kept(e))
        .map(|e| added(e).statements)
        .sum();
    kept + new
}

/// The statements `statement` stands for at its level once the tokens that are `gone` go:
/// none when all go, itself while some token of its own (a keyword, a bracket, its `;`)
/// stays, else what stays of the statements inside it (a removed `if (x)` leaves its body).
/// The statements counted whole are put in `whole`.
fn kept_statements(
    statement: &SyntaxNode,
    gone: &impl Fn(&SyntaxToken) -> bool,
    whole: &mut Vec<Range<usize>>,
) -> usize {
    let mut inner = Vec::new();
    let mut own_kept = false;
    own_tokens(statement, &mut |element| match element {
        c_parser::SyntaxElement::Token(t) => {
            if !is_layout(t.kind()) && !gone(&t) {
                own_kept = true;
            }
        }
        c_parser::SyntaxElement::Node(n) => inner.push(n),
    });
    if own_kept {
        let r = statement.text_range();
        whole.push(usize::from(r.start())..usize::from(r.end()));
        return 1;
    }
    inner.iter().map(|s| kept_statements(s, gone, whole)).sum()
}

/// Walks the tokens of `node` that are its own (outside the statements inside it), and the
/// outermost statements inside it.
fn own_tokens(node: &SyntaxNode, visit: &mut impl FnMut(c_parser::SyntaxElement)) {
    for child in node.children_with_tokens() {
        match child {
            c_parser::SyntaxElement::Node(n) if c_parser::ast::is_stmt(n.kind()) => {
                visit(c_parser::SyntaxElement::Node(n))
            }
            c_parser::SyntaxElement::Node(n) => own_tokens(&n, visit),
            token => visit(token),
        }
    }
}

/// Blanks, comments and directives: no statement's tokens.
fn is_layout(kind: SyntaxKind) -> bool {
    file_tokens::is_blank_or_comment(kind) || kind == SyntaxKind::DIRECTIVE
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The statements of the body `body` of `text` once the `(edit, added statements)` go in.
    fn statements(text: &str, body: &str, edits: &[(Edit, usize)]) -> usize {
        let root = c_parser::parse(text, &c_parser::ParseOptions::default()).root;
        let start = text.find(body).expect("the body");
        let added: HashMap<Edit, usize> = edits.iter().cloned().collect();
        let edits: Vec<&Edit> = edits.iter().map(|(e, _)| e).collect();
        let added = |e: &Edit| AddedStatements {
            statements: added.get(e).copied().unwrap_or(0),
            balanced: true,
        };
        statements_after_edits(&root, &(start..start + body.len()), &edits, &added)
    }

    fn span(text: &str, part: &str) -> Range<usize> {
        let start = text.find(part).expect("the part");
        start..start + part.len()
    }

    #[test]
    fn kept_statements_and_code_added_beside_them() {
        let text = "void f(void)\n{\n\tif (x)\n\t\tfoo(a,\n\t\t    b); /* c */\n}\n";
        let body = "foo(a,\n\t\t    b);";
        assert_eq!(statements(text, body, &[]), 1);
        // A line added after the body: two statements.
        let after = span(text, body).end;
        let line = Edit::insert(after, "\n\t\tbar();".to_string());
        assert_eq!(statements(text, body, &[(line, 1)]), 2);
        // Code replaced inside the statement that stays is its own.
        let inner = Edit::replace(span(text, "foo"), "baz".to_string());
        assert_eq!(statements(text, body, &[(inner, 0)]), 1);
        // The statement removed and two put in its place.
        let whole = Edit::replace(span(text, body), "x();\n\t\ty();".to_string());
        assert_eq!(statements(text, body, &[(whole, 2)]), 2);
        // The statement removed alone (its comment stays): none.
        let gone = Edit::delete(span(text, body));
        assert_eq!(statements(text, body, &[(gone, 0)]), 0);
    }

    #[test]
    fn a_removed_header_leaves_its_body_and_a_kept_one_holds_what_is_added_in_it() {
        let text = "void f(void)\n{\n\tif (x)\n\t\tif (y) {\n\t\t\ta();\n\t\t\tb();\n\t\t}\n}\n";
        let body = "if (y) {\n\t\t\ta();\n\t\t\tb();\n\t\t}";
        assert_eq!(statements(text, body, &[]), 1);
        // `- if (y) {` and `- }`: the two statements inside stand in the body.
        let header = Edit::delete(span(text, "if (y) {"));
        let close = Edit::delete(text.rfind("}\n}").map(|p| p..p + 1).expect("}"));
        assert_eq!(statements(text, body, &[(header, 0), (close, 0)]), 2);
        // A statement put into the kept block is the block's.
        let inside = Edit::insert(span(text, "b();").end, "\n\t\t\tc();".to_string());
        assert_eq!(statements(text, body, &[(inside, 1)]), 1);
        // The inner statement replaced by code of one statement: still the `if`'s.
        let text =
            "void f(void)\n{\n\tif (x)\n\t\ta();\n\telse if (rc < 0)\n\t\tGOTO(out, rc);\n}\n";
        let body = "if (rc < 0)\n\t\tGOTO(out, rc);";
        let call = Edit::replace(span(text, "GOTO(out, rc);"), "goto out;".to_string());
        assert_eq!(statements(text, body, &[(call, 1)]), 1);
    }
}

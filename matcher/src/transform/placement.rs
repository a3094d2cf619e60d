//! Where one run of plus code goes for a match: in place of the code it replaces, before
//! or after the C code its anchor token matched, on lines of its own or in the line.

use super::code_facts;
use super::parens::{parenthesized_in_context, CCode};
use super::seams::{
    add_inline_after, add_inline_before, blank_before_declarator, run_edges, stays_in_c_line,
    RunEdges,
};
use super::{
    c_control_statement_start, ends_dots, ends_line, in_initializer_list, is_control_body,
    is_statement_level, leading_comma_unmatched, pattern_control_statement,
    pointer_to_declared_array, push_inline, replaces_expression, skipped_code_follows, starts_line,
    trailing_comma_element, MatchChanges,
};
use crate::env::Env;
use crate::pattern::Pattern;
use c_parser::SyntaxKind;
use rewriter::wrap::BreakMark;
use rewriter::{AddedCode, Addition, Placement};
use smpl_parser::{AnchorPlace, PlusRun};
use std::ops::Range;

/// A plus run's code and what its placement depends on.
struct Run<'a> {
    pat: &'a Pattern<'a>,
    env: &'a Env,
    c: &'a CCode<'a>,
    run: &'a PlusRun,
    /// The run stands on lines of its own in the rule.
    whole_lines: bool,
    edges: RunEdges,
}

/// What one run of plus code adds for a match.
pub(super) fn run_changes(
    pat: &Pattern,
    env: &Env,
    owner: Option<&Env>,
    c: &CCode,
    run: &PlusRun,
    ch: &mut MatchChanges,
) {
    let plus_text = &pat.body.plus.text;
    let code = super::plus_code::plus_code(pat, run, env, c);
    let r = Run {
        pat,
        env,
        c,
        run,
        whole_lines: starts_line(plus_text, run.range.start) && ends_line(plus_text, run.range.end),
        edges: run_edges(pat, run),
    };
    if let Some(split) = env.split_decl.as_ref().filter(|s| s.owns_run(&run.place)) {
        r.on_split_declaration(&split.decl, split.pattern_tokens.start, code, ch);
        return;
    }
    // Code added just inside a nest's opening belongs to each occurrence: before its
    // first token.
    let place = match run.place {
        AnchorPlace::After(i)
            if matches!(
                pat.body.tokens[i].kind,
                SyntaxKind::NEST_OPEN | SyntaxKind::NEST_PLUS_OPEN
            ) && i + 1 < pat.body.tokens.len() =>
        {
            AnchorPlace::Before(i + 1)
        }
        place => place,
    };
    let tokens = &pat.body.tokens;
    match place {
        // A replacement that starts in the match's code and ends in a path's tail is added
        // once, by the match (another occurrence of the same code, elsewhere, has its own).
        AnchorPlace::Replace { first, last }
            if owner.is_some_and(|o| {
                (first..=last).any(|i| {
                    o.token_range(i)
                        .is_some_and(|r| env.token_range(i).is_none_or(|own| own == r))
                })
            }) => {}
        AnchorPlace::Replace { first, last } => r.replace(first, last, code, ch),
        AnchorPlace::Before(i)
            if r.whole_lines
                && i > 0
                && in_initializer_list(pat, i)
                && tokens[i].kind == SyntaxKind::R_BRACE
                && tokens[i - 1].kind != SyntaxKind::L_BRACE
                && skipped_code_follows(pat, env, c, i - 1).is_some() =>
        {
            r.before_closing_brace(i, code, ch)
        }
        AnchorPlace::Before(i) => r.before(i, code, ch),
        AnchorPlace::After(i) if ends_dots(pat, i) => r.after_dots(i, code, ch),
        AnchorPlace::After(i) if leading_comma_unmatched(pat, env, i) => {
            // After `...,` that matched no elements (`f(..., + x, e, ...)` against `f(e)`):
            // the code goes before the element after the comma.
            if let Some(next) = env.token_range(i + 1) {
                add_inline_before(ch, next.start, code, c, &r.edges);
            }
        }
        AnchorPlace::After(i)
            if r.whole_lines
                && in_initializer_list(pat, i)
                && tokens[i].kind == SyntaxKind::L_BRACE
                && tokens
                    .get(i + 1)
                    .is_some_and(|t| t.kind != SyntaxKind::R_BRACE)
                && skipped_code_follows(pat, env, c, i).is_some() =>
        {
            // The element after the brace matched further on (an unordered initializer list
            // skips the fields it does not name): the lines go with that element.
            if let Some(next) = skipped_code_follows(pat, env, c, i) {
                ch.additions.push(Addition {
                    at: next,
                    code,
                    placement: Placement::LinesBefore,
                });
            }
        }
        AnchorPlace::After(i) => r.after(i, code, ch),
        AnchorPlace::Alone => {}
    }
}

impl Run<'_> {
    /// Code on a declaration one of whose declarators was taken out of a shared
    /// declaration: new lines of their own, before or after it as written in the rule.
    fn on_split_declaration(
        &self,
        decl: &Range<usize>,
        first_pattern_token: usize,
        code: AddedCode,
        ch: &mut MatchChanges,
    ) {
        let body = self.pat.body;
        let first_pattern = body
            .tokens
            .get(first_pattern_token)
            .map_or(0, |t| t.file_offset);
        let run_offset = body.plus_tokens[self.run.tokens.start].file_offset;
        let (at, placement) = if run_offset < first_pattern {
            (decl.start, Placement::LinesBefore)
        } else {
            (decl.end, Placement::LinesAfter)
        };
        ch.additions.push(Addition {
            at,
            code,
            placement,
        });
    }

    /// In place of the C code pattern tokens `first..=last` matched.
    fn replace(&self, first: usize, last: usize, code: AddedCode, ch: &mut MatchChanges) {
        let (pat, c) = (self.pat, self.c);
        let mapped: Vec<Range<usize>> = (first..=last)
            .filter_map(|i| self.env.token_range(i))
            .collect();
        let (Some(a), Some(b)) = (mapped.first(), mapped.last()) else {
            return;
        };
        let (start, end) = (a.start, b.end.max(a.start));
        if is_control_body(pat, first, last) {
            ch.replaced_bodies.push(start..end);
        }
        let minus_text = &pat.body.minus.text;
        let t0 = &pat.body.tokens[first];
        let tl = &pat.body.tokens[last];
        let minus_lines =
            starts_line(minus_text, t0.offset) && ends_line(minus_text, tl.offset + tl.len);
        // Code that stays on the C line after the removed code (an iterator's `{`) keeps
        // the plus code on that line.
        let c_rest_blank = ends_line(c.text, end);
        // A pattern statement matched where C has none (a function's implicit `return;` at
        // its `}`): the new code gets lines of its own.
        let implicit = start == end;
        if self.whole_lines
            && minus_lines
            && (c_rest_blank || implicit)
            && is_statement_level(pat, first)
        {
            ch.additions.push(Addition {
                at: start,
                code,
                placement: Placement::LinesBefore,
            });
            return;
        }
        let code = if replaces_expression(pat, first, last) {
            // The whole C expression the pattern's tokens matched: under an isomorphism
            // they match it in another order (`!p` for `x == 0`: `x` is `p`, `==` the `!`).
            let matched = mapped.iter().map(|r| r.start).min().unwrap_or(start)
                ..mapped.iter().map(|r| r.end).max().unwrap_or(end);
            parenthesized_in_context(c, matched, code)
        } else {
            code
        };
        if let Some(blank) = blank_before_declarator(c, end, &self.edges) {
            ch.removals.push(blank);
        }
        if mapped.iter().all(|r| r.is_empty()) {
            // Nothing removed (`- ...,` that matched no argument): the code stands against
            // the C token there.
            add_inline_before(ch, start, code, c, &self.edges);
        } else {
            push_inline(ch, start, code);
        }
    }

    /// Before an initializer list's `}` whose element before matched further back: the
    /// lines go with that element.
    fn before_closing_brace(&self, i: usize, code: AddedCode, ch: &mut MatchChanges) {
        if let Some(prev) = self.env.token_range(i - 1) {
            ch.after_ranges.push(prev.clone());
            ch.additions.push(Addition {
                at: prev.end,
                code,
                placement: Placement::LinesAfter,
            });
        }
    }

    /// Before the C code pattern token `i` matched.
    fn before(&self, i: usize, code: AddedCode, ch: &mut MatchChanges) {
        let Some(mut r) = self.env.token_range(i) else {
            return;
        };
        // Code the pattern left implicit before the token (a return type) comes first in
        // the C text.
        for (t, ir) in &self.env.implicit {
            if *t == i && ir.start < r.start {
                r.start = ir.start;
            }
        }
        let t = &self.pat.body.tokens[i];
        let lines = self.whole_lines
            && code_facts::is_complete(&code)
            && starts_line(&self.pat.body.minus.text, t.offset);
        if lines {
            ch.additions.push(Addition {
                at: r.start,
                code,
                placement: Placement::LinesBefore,
            });
        } else {
            add_inline_before(ch, r.start, code, self.c, &self.edges);
        }
    }

    /// After `...` (or its `when`s): before the code the path reached.
    fn after_dots(&self, i: usize, code: AddedCode, ch: &mut MatchChanges) {
        let Some(r) = self.env.token_range(i) else {
            return;
        };
        // The element after the dots matched inside the statement the path reached (an
        // expression): the code goes just before it, in the line.
        if let Some(next) = self.env.token_range(i + 1).filter(|n| n.start > r.start) {
            add_inline_before(ch, next.start, code, self.c, &self.edges);
            return;
        }
        let placement = if self.whole_lines {
            Placement::LinesBefore
        } else {
            Placement::Inline
        };
        ch.additions.push(Addition {
            at: r.start,
            code,
            placement,
        });
    }

    /// After the C code pattern token `i` matched.
    fn after(&self, i: usize, code: AddedCode, ch: &mut MatchChanges) {
        let (pat, env, c) = (self.pat, self.env, self.c);
        // A token an isomorphism dropped (the `}` of `{ S }` matching a lone statement)
        // stands where the token before it ended: the code follows what that one matched,
        // unless the token ends the pattern's own `if` or loop (the code follows that).
        let dropped_after_previous = pattern_control_statement(pat, i).is_none()
            && env.token_range(i).is_some_and(|r| {
                r.is_empty()
                    && i > 0
                    && env
                        .token_range(i - 1)
                        .is_some_and(|p| !p.is_empty() && p.end == r.end)
            });
        if dropped_after_previous {
            return self.after(i - 1, code, ch);
        }
        let Some(r) = self.anchor_before(i, ch) else {
            return;
        };
        if let Some(name) = pointer_to_declared_array(pat, env, c, i, self.run) {
            // `T + * x` on `int x[45]`: `*` binds looser than `[]`, so the pointer to the
            // array is written `int (*x)[45]`.
            let code = code.map_text(|t| t.trim().to_string());
            push_inline(ch, name.start, code.in_parentheses(false));
            let close = Some(SyntaxKind::R_PAREN);
            push_inline(
                ch,
                name.end,
                AddedCode::new(")", close, close).with_break_marks(vec![(0, BreakMark::Close)]),
            );
            return;
        }
        let t = &pat.body.tokens[i];
        let lines = self.whole_lines && ends_line(&pat.body.minus.text, t.offset + t.len);
        match pattern_control_statement(pat, i) {
            Some(first) => {
                // Where the C statement starts, when the match says (flow matches map only
                // some tokens); the statement's end otherwise.
                let start = pat
                    .token_index(&first)
                    .and_then(|f| env.token_range(f))
                    .map_or(r.end, |f| f.start);
                ch.after_statement.push(start..r.end);
            }
            None if t.metavar.is_some() => {
                if let Some(start) = c_control_statement_start(c, &r) {
                    ch.after_statement.push(start..r.end);
                }
            }
            None => {}
        }
        // Code after a block's `}` follows the whole block, as after a statement
        // metavariable bound to it.
        let block_start = super::pattern_block_open(pat, i)
            .and_then(|open| env.token_range(open))
            .map(|open| open.start)
            .filter(|&start| start < r.start);
        ch.after_ranges.push(block_start.unwrap_or(r.start)..r.end);
        if lines && !stays_in_c_line(c, r.end, &code) {
            ch.additions.push(Addition {
                at: r.end,
                code,
                placement: Placement::LinesAfter,
            });
        } else {
            let code = code.map_text(|t| t.trim().to_string());
            add_inline_after(ch, r.end, code, c, &self.edges);
        }
    }

    /// The C code that code added after pattern token `i` follows: what the token matched;
    /// after the `;` a statement macro is written without, the macro; after a trailing
    /// comma the C list does not have (`b, + z` against `b }`), the element, with the comma
    /// added.
    fn anchor_before(&self, i: usize, ch: &mut MatchChanges) -> Option<Range<usize>> {
        let (pat, env) = (self.pat, self.env);
        let next_start = env.token_range(i + 1).map_or(usize::MAX, |r| r.start);
        env.token_span_before(i, next_start).or_else(|| {
            if pat.body.tokens[i].kind == SyntaxKind::SEMI && i > 0 {
                if let Some(r) = env.token_range(i - 1) {
                    return Some(r);
                }
            }
            let r = trailing_comma_element(pat, env, i)?;
            ch.additions.push(Addition {
                at: r.end,
                code: AddedCode::new(",", Some(SyntaxKind::COMMA), Some(SyntaxKind::COMMA))
                    .with_break_marks(vec![(0, BreakMark::Comma)]),
                placement: Placement::Inline,
            });
            Some(r)
        })
    }
}

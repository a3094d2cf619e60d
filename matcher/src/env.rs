//! What a match has bound and which C code each pattern token stands for.

use std::ops::Range;

/// The C code a metavariable matched.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Binding {
    /// The C text, verbatim (comments and line breaks inside it kept).
    pub text: String,
    /// The token texts joined by single spaces: two uses of a metavariable must agree on this.
    pub normalized: String,
    /// Where the code is in the C text (empty for an empty list).
    pub range: Range<usize>,
}

impl Binding {
    /// A position metavariable's value: where the code is, and nothing to print.
    pub fn position(range: Range<usize>) -> Binding {
        Binding {
            text: String::new(),
            normalized: format!("@{}..{}", range.start, range.end),
            range,
        }
    }

    /// The places a position binding stands for: one, or several when environments that
    /// differ only in a position were merged (spatch's position lists). `None` for any
    /// other binding (C code never starts with `@`).
    pub fn positions(&self) -> Option<Vec<Range<usize>>> {
        self.normalized
            .split(' ')
            .map(|p| {
                let (start, end) = p.strip_prefix('@')?.split_once("..")?;
                Some(start.parse().ok()?..end.parse().ok()?)
            })
            .collect()
    }

    /// The position binding standing for the places of both (each once, in text order).
    pub fn merged_positions(&self, other: &Binding) -> Option<Binding> {
        let mut all = self.positions()?;
        all.extend(other.positions()?);
        all.sort_by_key(|r| (r.start, r.end));
        all.dedup();
        let normalized = all
            .iter()
            .map(|r| format!("@{}..{}", r.start, r.end))
            .collect::<Vec<_>>()
            .join(" ");
        Some(Binding {
            text: String::new(),
            normalized,
            range: all.first()?.clone(),
        })
    }
}

/// The environment of one (partial) match: metavariable bindings and, per pattern token
/// (index in `RuleBody::tokens`), the C range it matched.
#[derive(Clone, Debug, Default)]
pub struct Env {
    pub bindings: Vec<(usize, Binding)>,
    pub token_map: Vec<(usize, Range<usize>)>,
    /// C code that the pattern leaves implicit (`static` before a declaration written
    /// without it, a function's return type), removed when the given pattern token is.
    pub implicit: Vec<(usize, Range<usize>)>,
    /// Set when a one-declarator pattern matched one declarator of a C declaration of
    /// several (`int a, x, b;`). Plus code on the declaration as a whole then goes on lines
    /// of its own before or after it.
    pub split_decl: Option<crate::multi_decl::SplitDecl>,
    /// Qualifiers the pattern did not mention: removed with the given token only when the
    /// match adds no code (a replaced declaration keeps its `const`).
    pub implicit_qualifiers: Vec<(usize, Range<usize>)>,
    /// C attributes the pattern did not mention (`optional_attributes`), checked once the
    /// match is complete ([`crate::attributes::strands_attribute`]).
    pub left_out_attributes: Vec<Range<usize>>,
    /// The occurrences of a nest's pattern (`<... P ...>`), each with its own token map and
    /// the bindings made inside it.
    pub nested: Vec<Env>,
}

impl Env {
    pub fn binding(&self, metavar: usize) -> Option<&Binding> {
        self.bindings
            .iter()
            .find(|(m, _)| *m == metavar)
            .map(|(_, b)| b)
    }

    /// Binds a metavariable, or checks that it already holds the same code. A position
    /// bound to several places (inherited from merged environments) accepts any of them,
    /// and is then that one.
    pub fn bind(&mut self, metavar: usize, binding: Binding) -> bool {
        match self.binding(metavar) {
            Some(old) if old.normalized == binding.normalized => true,
            Some(old) => {
                let (Some(places), Some(new)) = (old.positions(), binding.positions()) else {
                    return false;
                };
                if places.len() < 2 || new.len() != 1 || !places.contains(&new[0]) {
                    return false;
                }
                for (m, b) in &mut self.bindings {
                    if *m == metavar {
                        *b = binding.clone();
                    }
                }
                true
            }
            None => {
                self.bindings.push((metavar, binding));
                true
            }
        }
    }

    pub fn map_token(&mut self, token: usize, range: Range<usize>) {
        self.token_map.push((token, range));
    }

    /// The C range a pattern token matched (the first if it matched several times, which a
    /// pattern token inside `...` cannot).
    pub fn token_range(&self, token: usize) -> Option<Range<usize>> {
        self.token_map
            .iter()
            .find(|(t, _)| *t == token)
            .map(|(_, r)| r.clone())
    }

    /// The C range from the start of the first piece a pattern token matched to the end of
    /// its last before `limit`: a type `T` matches `int *x` in pieces (its `*` is the
    /// declarator's), and code after `T` goes after those before the name.
    pub fn token_span_before(&self, token: usize, limit: usize) -> Option<Range<usize>> {
        let first = self.token_range(token)?;
        Some(
            self.token_map
                .iter()
                .filter(|(t, r)| *t == token && r.end <= limit)
                .fold(first, |span, (_, r)| {
                    span.start.min(r.start)..span.end.max(r.end)
                }),
        )
    }
}

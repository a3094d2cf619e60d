//! What the matcher learns about one C tree, computed on first use and shared by every rule
//! applied to the same tree: its type environment and the parsed bodies of its `#define`s.
//! Each used to be rebuilt by every rule (a whole-tree walk per rule, and a parse per
//! `#define` per rule). Its unbraced statement bodies are looked up near a rule's edits only.

use crate::macro_bodies::{self, DefineBody, Wrapped};
use crate::transform::UnbracedBody;
use crate::types::TypeEnv;
use c_parser::{ParseOptions, SyntaxNode};
use std::cell::OnceCell;
use std::ops::{Deref, Range};
use std::rc::Rc;
use std::sync::Arc;

/// One tree and its text, with the facts rules ask about it.
pub struct TreeFacts {
    pub(crate) root: SyntaxNode,
    pub(crate) text: String,
    pub(crate) types: LazyTypeEnv,
    /// For the tree of a `#define` body wrapped as a function, the part of its text that is
    /// the macro's own code (its line is the macro's; matches stay inside it).
    pub(crate) macro_body: Option<std::ops::Range<usize>>,
    defines: OnceCell<Vec<DefineTree>>,
}

impl TreeFacts {
    /// `text` is the text `root` was parsed from.
    pub fn new(root: &SyntaxNode, text: &str) -> TreeFacts {
        TreeFacts::around(root, text, Outer::Known(None))
    }

    /// [`TreeFacts::new`] for a file that sees more than its own declarations: those of the
    /// headers it includes, and the integer sizes of the run (see [`TypeEnv::of_headers`]),
    /// asked of `outer` when a pattern first needs a type.
    pub fn within(root: &SyntaxNode, text: &str, outer: OuterTypes) -> TreeFacts {
        TreeFacts::around(root, text, Outer::Deferred(outer))
    }

    fn around(root: &SyntaxNode, text: &str, outer: Outer) -> TreeFacts {
        TreeFacts {
            root: root.clone(),
            text: text.to_string(),
            types: LazyTypeEnv {
                root: root.clone(),
                env: OnceCell::new(),
                outer,
                macro_params: Vec::new(),
            },
            defines: OnceCell::new(),
            macro_body: None,
        }
    }

    pub fn root(&self) -> &SyntaxNode {
        &self.root
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    /// Statements that are the body of an `if`, `else` or loop whose lines meet those of
    /// `touched` (the places a rewrite edits): the others' bodies keep their braces as they
    /// are. A body is braced only for an edit inside the stretch from its header to the end
    /// of its last line, and an edit laid out from a touched place stays within that place's
    /// lines; so the bodies of the statements whose lines meet a touched place's lines are
    /// all the bodies a rewrite can brace. (Walking only those statements, not the whole tree
    /// per change, took this from 17% of the copy-client conversion's instructions to 1%.)
    pub(crate) fn unbraced_bodies_near(&self, touched: &[Range<usize>]) -> Vec<UnbracedBody> {
        let text = self.text.as_bytes();
        let mut places: Vec<Range<usize>> = touched
            .iter()
            .map(|r| line_start(text, r.start)..line_end(text, r.end))
            .collect();
        places.sort_by_key(|r| (r.start, r.end));
        // The greatest end among the places that start at or before each place's start.
        let mut reach = Vec::with_capacity(places.len());
        let mut furthest = 0;
        for p in &places {
            furthest = furthest.max(p.end);
            reach.push(furthest);
        }
        // Whether a stretch ending at a line's end shares a line with a place.
        let meets = |stretch: Range<usize>| {
            // Places starting before the stretch's end; one of them must end after its start.
            let before_end = places.partition_point(|p| p.start < stretch.end);
            before_end > 0 && reach[before_end - 1] > stretch.start
        };
        let node_meets = |node: &SyntaxNode| {
            let range = node.text_range();
            meets(usize::from(range.start())..line_end(text, usize::from(range.end())))
        };
        let mut out = Vec::new();
        for item in self.root.children().filter(|n| node_meets(n)) {
            bodies_within(&item, &node_meets, &mut out);
        }
        out
    }

    /// The file's one-line `#define` bodies.
    pub(crate) fn defines(&self) -> &[DefineTree] {
        self.defines.get_or_init(|| {
            let bodies = macro_bodies::define_bodies(&self.root, &self.text);
            // The file's typedef names, declared before a body that uses them, so that
            // `sizeof(T)` and casts parse as they do in the file.
            let typedefs = if bodies.is_empty() {
                Vec::new()
            } else {
                macro_bodies::typedef_names(&self.root)
            };
            let typedefs = std::sync::Arc::new(typedefs);
            bodies
                .into_iter()
                .map(|body| DefineTree {
                    body,
                    typedefs: typedefs.clone(),
                    tree: OnceCell::new(),
                })
                .collect()
        })
    }
}

/// The type environment of a tree, collected when a pattern first asks for a type: most
/// rules never do.
pub struct LazyTypeEnv {
    root: SyntaxNode,
    env: OnceCell<Arc<TypeEnv>>,
    /// The types around the tree: the file's around a `#define` body, the headers' around
    /// a file.
    outer: Outer,
    /// The parameters of the macro whose body the tree is.
    macro_params: Vec<String>,
}

/// What gives a file's tree the types around it (its headers'), called at most once per
/// tree, when a pattern first asks for a type: most rules never do, and reading headers
/// costs.
pub type OuterTypes = Rc<dyn Fn() -> Option<Arc<TypeEnv>>>;

enum Outer {
    Known(Option<Arc<TypeEnv>>),
    Deferred(OuterTypes),
}

impl LazyTypeEnv {
    fn shared(&self) -> &Arc<TypeEnv> {
        self.env.get_or_init(|| {
            let own = TypeEnv::collect(&self.root).with_macro_params(&self.macro_params);
            let outer = match &self.outer {
                Outer::Known(known) => known.clone(),
                Outer::Deferred(find) => find(),
            };
            Arc::new(match outer {
                Some(outer) => own.within(outer),
                None => own,
            })
        })
    }
}

impl Deref for LazyTypeEnv {
    type Target = TypeEnv;

    fn deref(&self) -> &TypeEnv {
        self.shared()
    }
}

/// A `#define` body, wrapped and parsed when a rule first needs it.
pub(crate) struct DefineTree {
    pub body: DefineBody,
    /// The file's typedef names, for the wrapper to declare.
    typedefs: std::sync::Arc<Vec<String>>,
    /// None when the body parses cleanly neither as statements nor as file-scope items.
    tree: OnceCell<Option<(Wrapped, TreeFacts)>>,
}

impl DefineTree {
    /// The wrapped body and its tree, which knows the types of the file around it
    /// (`file_types`).
    pub fn facts(
        &self,
        options: &ParseOptions,
        file_types: &LazyTypeEnv,
    ) -> Option<(&Wrapped, &TreeFacts)> {
        self.tree
            .get_or_init(|| {
                // Most bodies are statements or expressions; a body that defines a function
                // or a type only parses at file scope.
                let wrappers: [fn(&str, &[String]) -> Wrapped; 2] =
                    [macro_bodies::wrap, macro_bodies::wrap_items];
                wrappers.iter().find_map(|wrap| {
                    let wrapped = wrap(&self.body.text, &self.typedefs);
                    let parse = c_parser::parse(&wrapped.text, options);
                    if !parse.errors.is_empty() {
                        return None;
                    }
                    let outer = Outer::Known(Some(file_types.shared().clone()));
                    let mut facts = TreeFacts::around(&parse.root, &wrapped.text, outer);
                    facts.macro_body = Some(wrapped.own_span());
                    facts.types.macro_params = self.body.params.clone();
                    Some((wrapped, facts))
                })
            })
            .as_ref()
            .map(|(w, f)| (w, f))
    }
}

/// The unbraced bodies under `node` (whose lines `meets` the places of the edits), in tree
/// order, of the statements whose lines meet those places: the `if`, `else` or loop holds a
/// body's whole stretch from its header to its last line, so a subtree whose lines meet no
/// place holds no body to brace, though it may be one. (Walking every node of the edited
/// items was 5% of the copy-client conversion.)
fn bodies_within(
    node: &SyntaxNode,
    meets: &impl Fn(&SyntaxNode) -> bool,
    out: &mut Vec<UnbracedBody>,
) {
    for child in node.children() {
        if let Some(body) = crate::transform::unbraced_body(&child) {
            out.push(body);
        }
        if meets(&child) {
            bodies_within(&child, meets, out);
        }
    }
}

/// The start of the line holding byte `at`.
fn line_start(text: &[u8], at: usize) -> usize {
    let at = at.min(text.len());
    memchr::memrchr(b'\n', &text[..at]).map_or(0, |p| p + 1)
}

/// Just past the `\n` ending the line holding byte `at` (or the text's end).
fn line_end(text: &[u8], at: usize) -> usize {
    let at = at.min(text.len());
    memchr::memchr(b'\n', &text[at..]).map_or(text.len(), |p| at + p + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    #[allow(clippy::single_range_in_vec_init)] // one edit's range, not a range of indices
    fn bodies_near_the_edits_are_those_of_the_edited_statements() {
        let text = "int f(void)\n{\n\tif (a)\n\t\tx();\n}\n\nint g(void)\n{\n\twhile (b)\n\t\ty();\n\tif (c) {\n\t\tz();\n\t}\n}\n";
        let parse = c_parser::parse(text, &ParseOptions::default());
        let facts = TreeFacts::new(&parse.root, text);
        let starts = |bodies: Vec<UnbracedBody>| -> Vec<usize> {
            bodies.iter().map(|b| b.range.start).collect()
        };
        let x = text.find("x()").unwrap();
        let y = text.find("y()").unwrap();
        let z = text.find("z()").unwrap();
        let block = text.find("{\n\t\tz").unwrap();
        assert_eq!(starts(facts.unbraced_bodies_near(&[x..x + 1])), [x]);
        assert_eq!(starts(facts.unbraced_bodies_near(&[z..z])), [block]);
        assert_eq!(
            starts(facts.unbraced_bodies_near(&[y..y + 1, x..x])),
            [x, y]
        );
        // Code added at the end of `f`'s last line is on no statement's lines.
        let f_end = text.find("}\n\nint g").unwrap() + 1;
        assert!(facts.unbraced_bodies_near(&[f_end..f_end]).is_empty());
        let while_line = text.find("while").unwrap();
        assert_eq!(
            starts(facts.unbraced_bodies_near(&[while_line..while_line])),
            [y]
        );
        assert!(facts.unbraced_bodies_near(&[]).is_empty());
    }

    /// The pruned walk finds, for an edit at any offset, exactly the bodies of the
    /// statements whose lines meet the edit's lines (found here by reading every node).
    #[test]
    fn pruned_walk_finds_the_bodies_of_the_statements_on_the_edited_lines() {
        let text = "static int f(int a)\n{\n\tif (a)\n\t\tx();\n\telse if (a > 2)\n\t\tfor (;;)\n\t\t\ty(a,\n\t\t\t  a);\n\telse {\n\t\twhile (a--)\n\t\t\tz();\n\t}\n\tdo\n\t\ta++;\n\twhile (a < 3);\n\treturn a;\n}\n\nint g;\n";
        let parse = c_parser::parse(text, &ParseOptions::default());
        assert!(parse.errors.is_empty());
        let facts = TreeFacts::new(&parse.root, text);
        let line_of = |at: usize| text[..at].matches('\n').count();
        let every_body: Vec<(usize, usize, UnbracedBody)> = parse
            .root
            .descendants()
            .filter_map(|n| {
                let body = crate::transform::unbraced_body(&n)?;
                let parent = n.parent()?.text_range();
                let first = line_of(usize::from(parent.start()));
                let last = line_of(usize::from(parent.end()));
                Some((first, last, body))
            })
            .collect();
        assert_eq!(every_body.len(), 7);
        for at in 0..=text.len() {
            let line = line_of(at);
            let expected: Vec<Range<usize>> = every_body
                .iter()
                .filter(|(first, last, _)| (*first..=*last).contains(&line))
                .map(|(_, _, b)| b.range.clone())
                .collect();
            let found: Vec<Range<usize>> = facts
                .unbraced_bodies_near(std::slice::from_ref(&(at..at)))
                .into_iter()
                .map(|b| b.range)
                .collect();
            assert_eq!(found, expected, "edit at {at}");
        }
    }
}

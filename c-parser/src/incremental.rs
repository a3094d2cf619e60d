//! Re-parsing a file after edits: only the top-level items that hold the edits are parsed
//! again, and their nodes are spliced into the old tree in place of the old ones.
//!
//! The spliced tree must be the tree a full parse of the new text gives. A top-level item is
//! parsed from the tokens it covers plus what the parser knows of the rest of the file: the
//! typedef names declared before it, the file's annotation `#define`s, which conditional
//! branches are inactive, and how brackets pair. A window of items is re-parsed only where
//! all of that is the same as in the full parse:
//! - the window starts and ends at line starts (columns and directives lex the same), with
//!   one unchanged item on each side (the parser looks a few tokens past an item's end);
//! - neither the old nor the new window declares a typedef or has brackets that pair outside
//!   it, their directives are the same, and between two directives the bracket depth moves
//!   the same way (so the rest of the file parses as before, and the conditionals' inactive
//!   branches stay where they were: a stretch between directives keeps its old state);
//! - the new window parses without errors (an item with errors is retried under another view
//!   of the file's conditionals, which a window does not have).
//!
//! Otherwise the whole file is parsed again ([`Reparsed::Full`] says why).

use crate::lexer::{lex, LexMode, Token};
use crate::syntax_kind::SyntaxKind::{self, *};
use crate::{parser, Parse, ParseOptions, SyntaxError, SyntaxNode, TextRange, TextSize};
use rowan::{GreenNode, GreenToken, NodeOrToken};
use std::ops::Range;

/// One change of a text: bytes `old` of the old text became `new_len` bytes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TextChange {
    pub old: Range<usize>,
    pub new_len: usize,
}

/// How a tree was brought up to date.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reparsed {
    /// Re-parsed in place: how many bytes of the new text were parsed again.
    Spliced { bytes: usize },
    /// The whole file was parsed again, for the reason given.
    Full(&'static str),
}

/// A parsed file that can follow its text's changes (see the module documentation).
pub struct IncrementalTree {
    parse: Parse,
    /// What a window's parse needs from the rest of the file, gathered on the first splice.
    knowledge: Option<FileKnowledge>,
}

/// The parser's file-wide knowledge that a window cannot see.
struct FileKnowledge {
    /// Typedef names, each with the start of the top-level item that declares it; `None`
    /// when some typedef's name cannot be read from the tree (the parser's own bookkeeping
    /// is then not reproducible, and every change re-parses the file).
    typedefs: Option<Vec<(usize, String)>>,
    /// Object-like macros the file defines as annotations or types.
    defines: FileDefines,
    /// Whether the tree has an `INACTIVE` token. Without one, every window is active and
    /// its tokens need not be read (reading them per change was 7% of the copy-client
    /// conversion); kept up to date from the windows' parses.
    inactive: bool,
}

/// A top-level element of the old tree.
struct Child {
    range: Range<usize>,
    kind: SyntaxKind,
    is_node: bool,
}

/// A run of top-level elements re-parsed together: `first..=last`, old bytes `old`.
#[derive(Clone, Debug)]
struct Window {
    first: usize,
    last: usize,
    old: Range<usize>,
}

impl IncrementalTree {
    pub fn new(parse: Parse) -> Self {
        IncrementalTree {
            parse,
            knowledge: None,
        }
    }

    pub fn parse(&self) -> &Parse {
        &self.parse
    }

    pub fn into_parse(self) -> Parse {
        self.parse
    }

    /// Brings the tree of `old_text` up to date with `new_text`, which `changes` (sorted,
    /// disjoint, in offsets of `old_text`) made from it.
    pub fn apply(
        &mut self,
        old_text: &str,
        new_text: &str,
        changes: &[TextChange],
        options: &ParseOptions,
    ) -> Reparsed {
        match self.splice(old_text, new_text, changes, options) {
            Ok((parse, bytes)) => {
                self.shift_typedefs(changes);
                self.parse = parse;
                Reparsed::Spliced { bytes }
            }
            Err(reason) => {
                self.parse = crate::parse(new_text, options);
                self.knowledge = None;
                Reparsed::Full(reason)
            }
        }
    }

    /// The parse errors of `new_text`, which `changes` made from the tree's text, as
    /// [`IncrementalTree::apply`] then [`IncrementalTree::parse`] would give them, without
    /// building the new tree: for a file's last change, whose tree only the re-parse guard
    /// reads (its errors). The tree itself is left as it was.
    pub fn errors_after(
        &mut self,
        old_text: &str,
        new_text: &str,
        changes: &[TextChange],
        options: &ParseOptions,
    ) -> (Vec<SyntaxError>, Reparsed) {
        match self.reparse(old_text, new_text, changes, options, false) {
            Ok((_, bytes)) => (
                shifted_errors(&self.parse.errors, changes),
                Reparsed::Spliced { bytes },
            ),
            Err(reason) => (
                crate::parse_errors(new_text, options),
                Reparsed::Full(reason),
            ),
        }
    }

    fn splice(
        &mut self,
        old_text: &str,
        new_text: &str,
        changes: &[TextChange],
        options: &ParseOptions,
    ) -> Result<(Parse, usize), &'static str> {
        let (root, bytes) = self.reparse(old_text, new_text, changes, options, true)?;
        let root = root.ok_or("a tree that was not built")?;
        let errors = shifted_errors(&self.parse.errors, changes);
        // The knowledge followed the windows' parses.
        let inactive = self.knowledge.as_ref().is_none_or(|k| k.inactive);
        Ok((
            Parse {
                root,
                errors,
                inactive,
            },
            bytes,
        ))
    }

    /// Re-parses the windows of `changes`: with `build`, the new root; either way, how many
    /// bytes were parsed, or why the whole file must be parsed instead.
    fn reparse(
        &mut self,
        old_text: &str,
        new_text: &str,
        changes: &[TextChange],
        options: &ParseOptions,
        build: bool,
    ) -> Result<(Option<SyntaxNode>, usize), &'static str> {
        let grown: isize = changes
            .iter()
            .map(|c| c.new_len as isize - c.old.len() as isize)
            .sum();
        if self.parse.root.kind() != SOURCE_FILE
            || old_text.len() as isize + grown != new_text.len() as isize
            || changes.windows(2).any(|w| w[0].old.end > w[1].old.start)
        {
            return Err("changes that do not describe the new text");
        }
        let children = top_level_children(&self.parse.root);
        let windows = windows_of(&children, changes).ok_or("no top-level items")?;
        let knowledge = match self.knowledge.take() {
            Some(k) => k,
            None => FileKnowledge::gather(&self.parse, old_text, &children, options),
        };
        let result = splice_windows(
            &self.parse,
            &children,
            &windows,
            &knowledge,
            (old_text, new_text),
            changes,
            options,
            build,
        );
        self.knowledge = Some(knowledge);
        let (root, bytes, inactive) = result?;
        if let (Some(k), true) = (self.knowledge.as_mut(), build) {
            k.inactive |= inactive;
        }
        Ok((root, bytes))
    }

    /// Moves the recorded typedef sites past the changes (no window declares one).
    fn shift_typedefs(&mut self, changes: &[TextChange]) {
        let Some(typedefs) = self.knowledge.as_mut().and_then(|k| k.typedefs.as_mut()) else {
            return;
        };
        for (offset, _) in typedefs.iter_mut() {
            *offset = shifted(*offset, changes);
        }
    }
}

/// Where old offset `offset`, outside every change, is in the new text.
fn shifted(offset: usize, changes: &[TextChange]) -> usize {
    let grown: isize = changes
        .iter()
        .take_while(|c| c.old.end <= offset)
        .map(|c| c.new_len as isize - c.old.len() as isize)
        .sum();
    (offset as isize + grown) as usize
}

fn top_level_children(root: &SyntaxNode) -> Vec<Child> {
    root.children_with_tokens()
        .map(|c| {
            let r = c.text_range();
            Child {
                range: usize::from(r.start())..usize::from(r.end()),
                kind: c.kind(),
                is_node: c.as_node().is_some(),
            }
        })
        .collect()
}

/// The windows holding `changes`: each with an unchanged item on either side, widened to
/// line starts, overlapping ones merged.
fn windows_of(children: &[Child], changes: &[TextChange]) -> Option<Vec<Window>> {
    let last_child = children.len().checked_sub(1)?;
    let mut windows: Vec<Window> = Vec::new();
    for change in changes {
        let first = children
            .partition_point(|c| c.range.end < change.old.start)
            .min(last_child);
        let last = children
            .partition_point(|c| c.range.start <= change.old.end)
            .saturating_sub(1)
            .max(first);
        let mut first = (0..first).rev().find(|&i| children[i].is_node).unwrap_or(0);
        while first > 0 && children[first - 1].kind != NEWLINE {
            first -= 1;
        }
        let mut last = (last + 1..children.len())
            .find(|&i| children[i].is_node)
            .unwrap_or(last_child);
        while last < last_child && children[last].kind != NEWLINE {
            last += 1;
        }
        match windows.last_mut() {
            Some(w) if first <= w.last + 1 => w.last = w.last.max(last),
            _ => windows.push(Window {
                first,
                last,
                old: 0..0,
            }),
        }
    }
    for w in &mut windows {
        w.old = children[w.first].range.start..children[w.last].range.end;
    }
    Some(windows)
}

impl FileKnowledge {
    fn gather(
        parse: &Parse,
        text: &str,
        children: &[Child],
        options: &ParseOptions,
    ) -> FileKnowledge {
        FileKnowledge {
            typedefs: typedef_names(&parse.root, text, children),
            defines: file_defines(text, options),
            inactive: parse.inactive,
        }
    }
}

/// The object-like `#define`s the parser gives a meaning to before parsing, so that a
/// window's parse can be told what the whole file's would know.
#[derive(Default)]
struct FileDefines {
    /// Annotations (see `Parser::empty_macros`).
    annotations: Vec<String>,
    /// Type names (see `Parser::type_macros`).
    types: Vec<String>,
}

/// The annotation and type `#define`s of `text`, found the way the parser finds them.
fn file_defines(text: &str, options: &ParseOptions) -> FileDefines {
    if !text.contains("define") {
        return FileDefines::default();
    }
    let tokens = lex(text, LexMode::C);
    let view = parser::View::new(text, &[], None);
    let mut p = parser::Parser::new(text, view, &options.macros, None);
    p.scan_defines(&tokens);
    let sorted = |names: &crate::fxhash::FxHashSet<&str>| {
        let mut names: Vec<String> = names.iter().map(|s| s.to_string()).collect();
        names.sort();
        names
    };
    FileDefines {
        annotations: sorted(&p.empty_macros),
        types: sorted(&p.type_macros),
    }
}

/// The names the parser records as typedefs while parsing the tree's text, with the start of
/// the top-level item declaring each. The parser records, per declarator of a `typedef`
/// declaration, the last name its declarator parse met outside parameter lists; that is the
/// last such `NAME` of each `INIT_DECLARATOR` before its `=`. An item with a conditional
/// directive may have been parsed twice (the `#else` fallback), recording names of the parse
/// it dropped: then, and for a declarator without a name, `None`.
fn typedef_names(
    root: &SyntaxNode,
    text: &str,
    children: &[Child],
) -> Option<Vec<(usize, String)>> {
    let mut names = Vec::new();
    let mut last_item = usize::MAX;
    let mut elements: Option<Vec<crate::SyntaxElement>> = None;
    for (hit, _) in text.match_indices("typedef") {
        let item = children.partition_point(|c| c.range.end <= hit);
        if item == last_item || item >= children.len() || !children[item].is_node {
            continue;
        }
        last_item = item;
        let child = &children[item];
        let elements = elements.get_or_insert_with(|| root.children_with_tokens().collect());
        let Some(node) = elements[item].as_node() else {
            continue;
        };
        let declares: Vec<SyntaxNode> = node
            .descendants()
            .filter(|d| d.kind() == DECLARATION && declares_typedef(d))
            .collect();
        if declares.is_empty() {
            continue;
        }
        if text[child.range.clone()].contains('#') {
            return None;
        }
        for declaration in declares {
            for declarator in declaration
                .children()
                .filter(|c| c.kind() == INIT_DECLARATOR)
            {
                let name = declarator_name(&declarator)?;
                names.push((child.range.start, name));
            }
        }
    }
    Some(names)
}

fn declares_typedef(declaration: &SyntaxNode) -> bool {
    declaration
        .children()
        .find(|c| c.kind() == DECL_SPECS)
        .is_some_and(|specs| specs.children_with_tokens().any(|t| t.kind() == TYPEDEF_KW))
}

fn declarator_name(declarator: &SyntaxNode) -> Option<String> {
    let initializer_at = declarator
        .children_with_tokens()
        .find(|t| t.kind() == EQ)
        .map_or(TextSize::from(u32::MAX), |t| t.text_range().start());
    // A parameter list's names do not count: the parser restores the name after one.
    let mut last = None;
    let mut walk = declarator.preorder();
    while let Some(event) = walk.next() {
        let rowan::WalkEvent::Enter(node) = event else {
            continue;
        };
        if node.kind() == PARAM_LIST || node.text_range().start() >= initializer_at {
            walk.skip_subtree();
        } else if node.kind() == NAME {
            last = Some(node.text().to_string().trim().to_string());
        }
    }
    last.filter(|n| !n.is_empty())
}

/// The old tree with each window's elements replaced by a parse of its new text (with
/// `build`; without, the windows are only checked to parse cleanly), the bytes parsed, and
/// whether a new window has inactive tokens.
#[allow(clippy::too_many_arguments)]
fn splice_windows(
    old: &Parse,
    children: &[Child],
    windows: &[Window],
    knowledge: &FileKnowledge,
    (old_text, new_text): (&str, &str),
    changes: &[TextChange],
    options: &ParseOptions,
    build: bool,
) -> Result<(Option<SyntaxNode>, usize, bool), &'static str> {
    let typedefs = knowledge
        .typedefs
        .as_ref()
        .ok_or("a typedef the tree does not show")?;
    let old_green = old.root.green();
    let old_elements: Vec<NodeOrToken<GreenNode, GreenToken>> = if build {
        old_green
            .children()
            .map(|c| match c {
                NodeOrToken::Node(n) => NodeOrToken::Node(n.to_owned()),
                NodeOrToken::Token(t) => NodeOrToken::Token(t.to_owned()),
            })
            .collect()
    } else {
        Vec::new()
    };
    let mut elements = Vec::with_capacity(old_elements.len());
    let mut next = 0;
    let mut bytes = 0;
    let mut inactive = false;
    for window in windows {
        let start = shifted(window.old.start, changes);
        let grown: isize = changes
            .iter()
            .filter(|c| c.old.start >= window.old.start && c.old.end <= window.old.end)
            .map(|c| c.new_len as isize - c.old.len() as isize)
            .sum();
        let new_range = start..(start as isize + window.old.len() as isize + grown) as usize;
        let old_window = &old_text[window.old.clone()];
        let new_window = new_text
            .get(new_range.clone())
            .ok_or("a window that is not in the new text")?;
        let stretches = if knowledge.inactive {
            check_old_window(old, window, old_window)?
        } else {
            // One stretch of unknown state: the same mask (none) as reading the tokens would
            // give when none is inactive.
            check_old_window_alone(old, window, old_window)?;
            vec![None]
        };
        let seen: Vec<&str> = typedefs
            .iter()
            .filter(|(at, _)| *at < window.old.start)
            .map(|(_, name)| name.as_str())
            .collect();
        let at_file_end = window.last + 1 == children.len();
        let (green, window_inactive) = parse_window(
            (new_window, old_window),
            at_file_end,
            &stretches,
            &seen,
            &knowledge.defines,
            options,
            build,
        )?;
        if let Some(green) = green {
            elements.extend(old_elements[next..window.first].iter().cloned());
            elements.extend(green.children().map(|c| match c {
                NodeOrToken::Node(n) => NodeOrToken::Node(n.to_owned()),
                NodeOrToken::Token(t) => NodeOrToken::Token(t.to_owned()),
            }));
        }
        next = window.last + 1;
        bytes += new_window.len();
        inactive |= window_inactive;
    }
    if !build {
        return Ok((None, bytes, inactive));
    }
    elements.extend(old_elements[next..].iter().cloned());
    let root = SyntaxNode::new_root(GreenNode::new(SOURCE_FILE.into(), elements));
    Ok((Some(root), bytes, inactive))
}

/// The old tree's errors, moved past the changes (no window has one).
fn shifted_errors(errors: &[SyntaxError], changes: &[TextChange]) -> Vec<SyntaxError> {
    errors
        .iter()
        .map(|e| {
            let (start, end) = (usize::from(e.range.start()), usize::from(e.range.end()));
            SyntaxError {
                range: TextRange::new(
                    TextSize::from(shifted(start, changes) as u32),
                    TextSize::from(shifted(end, changes) as u32),
                ),
                message: e.message.clone(),
            }
        })
        .collect()
}

/// The old window may be re-parsed alone: no typedef, no parse error (its items were maybe
/// parsed twice).
fn check_old_window_alone(
    old: &Parse,
    window: &Window,
    old_window: &str,
) -> Result<(), &'static str> {
    if old_window.contains("typedef") {
        return Err("a typedef in the window");
    }
    let (start, end) = (window.old.start as u32, window.old.end as u32);
    if old
        .errors
        .iter()
        .any(|e| u32::from(e.range.start()) < end && u32::from(e.range.end()) >= start)
    {
        return Err("a parse error in the window");
    }
    Ok(())
}

/// [`check_old_window_alone`], then per stretch between two directives, whether its tokens
/// are inactive (`None` for a stretch without significant tokens).
fn check_old_window(
    old: &Parse,
    window: &Window,
    old_window: &str,
) -> Result<Vec<Option<bool>>, &'static str> {
    check_old_window_alone(old, window, old_window)?;
    let mut stretches: Vec<Option<bool>> = vec![None];
    // Read from the green tree: a cursor walk allocates a node per step.
    let green = old.root.green();
    for element in green
        .children()
        .skip(window.first)
        .take(window.last + 1 - window.first)
    {
        match element {
            NodeOrToken::Node(n) => note_stretches(n, &mut stretches)?,
            NodeOrToken::Token(t) => {
                note_stretch(SyntaxKind::from_raw(t.kind().0), &mut stretches)?
            }
        }
    }
    Ok(stretches)
}

/// [`note_stretch`] for each token of `node`, in text order.
fn note_stretches(
    node: &rowan::GreenNodeData,
    stretches: &mut Vec<Option<bool>>,
) -> Result<(), &'static str> {
    for child in node.children() {
        match child {
            NodeOrToken::Node(n) => note_stretches(n, stretches)?,
            NodeOrToken::Token(t) => note_stretch(SyntaxKind::from_raw(t.kind().0), stretches)?,
        }
    }
    Ok(())
}

/// Records a token of kind `kind`: a directive starts a stretch, a significant token says
/// whether its stretch is inactive (the same for all of them, or the window is refused).
fn note_stretch(kind: SyntaxKind, stretches: &mut Vec<Option<bool>>) -> Result<(), &'static str> {
    let inactive = match kind {
        DIRECTIVE => {
            stretches.push(None);
            return Ok(());
        }
        INACTIVE => true,
        k if k.is_trivia() => return Ok(()),
        _ => false,
    };
    let last = stretches.last_mut().expect("one stretch at least");
    if last.is_some_and(|v| v != inactive) {
        return Err("a stretch of code partly inactive");
    }
    *last = Some(inactive);
    Ok(())
}

/// Parses the new text of a window as the full parse would see it, given the typedef names
/// declared before it and whether each stretch between directives is inactive: its tree
/// (with `build`) and whether that tree has inactive tokens, or why it cannot be spliced.
fn parse_window(
    (new_window, old_window): (&str, &str),
    at_file_end: bool,
    stretches: &[Option<bool>],
    typedefs: &[&str],
    defines: &FileDefines,
    options: &ParseOptions,
    build: bool,
) -> Result<(Option<GreenNode>, bool), &'static str> {
    if new_window.contains("typedef") {
        return Err("a typedef in the window");
    }
    let tokens = lex(new_window, LexMode::C);
    let old_tokens = crate::relex::lex_old(old_window, new_window, &tokens);
    // Short of the end of the file, the window must still end a line: a comment or literal
    // running past it would swallow what follows.
    if !at_file_end && tokens.last().is_none_or(|t| t.kind != NEWLINE) {
        return Err("a window that does not end a line");
    }
    if directives(new_window, &tokens) != directives(old_window, &old_tokens) {
        return Err("a changed directive");
    }
    // The file's conditionals then group the same tokens; a stretch whose bracket depth
    // profile changed could change which branches are inactive.
    if bracket_profiles(&tokens) != bracket_profiles(&old_tokens) {
        return Err("a changed bracket balance between directives");
    }
    let mask = stretch_mask(&tokens, stretches)?;
    let old_mask = stretch_mask(&old_tokens, stretches)?;
    if !balanced(&tokens, mask.as_deref()) || !balanced(&old_tokens, old_mask.as_deref()) {
        return Err("brackets that pair outside the window");
    }
    let view = parser::View::new(new_window, &tokens, mask.as_deref());
    let mut p = parser::Parser::new(new_window, view, &options.macros, None);
    p.typedefs.extend(typedefs.iter().copied());
    p.empty_macros
        .extend(defines.annotations.iter().map(String::as_str));
    p.type_macros
        .extend(defines.types.iter().map(String::as_str));
    parser::parse_source_file(&mut p, &tokens, None);
    // Without a tree, nobody asks whether it holds an inactive token.
    let (green, errors, inactive) = if build {
        let (green, errors, inactive) =
            crate::builder::build(new_window, &tokens, p.events, p.errors);
        (Some(green), errors, inactive)
    } else {
        let errors = crate::builder::errors_only(new_window, &tokens, p.events, p.errors);
        (None, errors, false)
    };
    if !errors.is_empty() {
        return Err("a parse error in the new window");
    }
    Ok((green, inactive))
}

/// The window's directives, in order.
fn directives<'t>(text: &'t str, tokens: &[Token]) -> Vec<&'t str> {
    let mut found = Vec::new();
    let mut offset = 0usize;
    for t in tokens {
        let end = offset + t.len as usize;
        if t.kind == DIRECTIVE {
            found.push(&text[offset..end]);
        }
        offset = end;
    }
    found
}

/// Per stretch between directives: its net bracket depth and the lowest depth it reaches
/// (what decides whether a conditional's branch is balanced).
fn bracket_profiles(tokens: &[Token]) -> Vec<(i32, i32)> {
    let mut profiles = vec![(0, 0)];
    for t in tokens {
        let (net, low) = profiles.last_mut().expect("one stretch at least");
        match t.kind {
            DIRECTIVE => profiles.push((0, 0)),
            L_PAREN | L_BRACK | L_BRACE => *net += 1,
            R_PAREN | R_BRACK | R_BRACE => {
                *net -= 1;
                *low = (*low).min(*net);
            }
            _ => {}
        }
    }
    profiles
}

/// The inactive mask of a window's tokens from its stretches' states (`None`: all active).
fn stretch_mask(
    tokens: &[Token],
    stretches: &[Option<bool>],
) -> Result<Option<Vec<bool>>, &'static str> {
    if stretches.iter().all(|s| *s != Some(true)) {
        return Ok(None);
    }
    let mut stretch = 0;
    let mut mask = Vec::with_capacity(tokens.len());
    for t in tokens {
        if t.kind == DIRECTIVE {
            stretch += 1;
        }
        if t.kind.is_trivia() {
            mask.push(false);
            continue;
        }
        match stretches.get(stretch) {
            Some(Some(inactive)) => mask.push(*inactive),
            _ => return Err("code where there was none between directives"),
        }
    }
    Ok(Some(mask))
}

/// Every active bracket pairs inside: the depth never goes below zero and ends at zero.
fn balanced(tokens: &[Token], inactive: Option<&[bool]>) -> bool {
    crate::preproc::brackets_balance(
        tokens
            .iter()
            .enumerate()
            .filter(|(i, _)| !inactive.is_some_and(|m| m[*i]))
            .map(|(_, t)| t),
    )
}

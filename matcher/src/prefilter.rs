//! Which files a rule cannot match, decided from the identifiers they contain (spatch's
//! "worth trying" optimisation): running the matcher is far dearer than looking up a few
//! names, and most rules of a large rule file match few files.
//!
//! Per rule, [`Requirement::of_rule`] computes a formula over identifier names that holds of
//! every text the rule could match; a text where it is false is skipped. It must never be
//! false where the matcher would find a match, so everything the matcher may match loosely
//! counts as no requirement: `when` clauses, nests, optional statements, the `else` of an
//! `if` (`drop_else`), identifiers the isomorphisms rewrite (`NULL`, and `true`/`false` for
//! safety), metavariables, and whole rules whose pattern did not parse cleanly.

use c_parser::{SyntaxElement, SyntaxKind, SyntaxNode};
use smpl_parser::{Rule, RuleBody};
use std::collections::HashSet;

/// Identifiers a pattern may name without the C code containing them (isomorphisms).
const ISO_REWRITTEN: &[&str] = &["NULL", "true", "false"];

/// Deeper patterns are not analysed (their part counts as no requirement).
const MAX_DEPTH: usize = 256;

/// The identifiers a text must contain for a rule to match it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Requirement {
    True,
    Ident(String),
    And(Vec<Requirement>),
    Or(Vec<Requirement>),
}

impl Requirement {
    /// The requirement of a rule: `True` for script rules, plus-only rules and anything the
    /// analysis cannot vouch for.
    pub fn of_rule(rule: &Rule) -> Requirement {
        let Some(body) = rule.body() else {
            return Requirement::True;
        };
        // Isomorphism files named by the rule could rewrite anything.
        if !rule.header.isos.is_empty() || body.tokens.is_empty() {
            return Requirement::True;
        }
        Requirement::of_element(rule, body, &SyntaxElement::Node(body.minus.tree()))
    }

    /// The requirement of one element of a rule's pattern (a node of `body.minus.tree()`):
    /// identifiers the C code it matches must contain.
    pub fn of_element(rule: &Rule, body: &RuleBody, el: &SyntaxElement) -> Requirement {
        if !rule.header.isos.is_empty() {
            return Requirement::True;
        }
        let metavar_names: HashSet<&str> = rule
            .metavars
            .iter()
            .filter(|m| m.kind.is_metavariable())
            .map(|m| m.name.name.as_str())
            .collect();
        let walker = Walker {
            body,
            metavar_names,
        };
        walker.element(el, 0).unwrap_or(Requirement::True)
    }

    /// Names one of which every C text meeting the requirement contains; None when there
    /// is no such set (the requirement is `True` somewhere it counts).
    pub fn anchor_names(&self) -> Option<Vec<String>> {
        match self {
            Requirement::True => None,
            Requirement::Ident(name) => Some(vec![name.clone()]),
            // Any one part will do; the longest name is usually the rarest.
            Requirement::And(parts) => parts
                .iter()
                .filter_map(Requirement::anchor_names)
                .min_by_key(|names| {
                    (
                        names.len(),
                        std::cmp::Reverse(names.iter().map(String::len).sum::<usize>()),
                    )
                }),
            Requirement::Or(parts) => {
                let mut all = Vec::new();
                for p in parts {
                    all.extend(p.anchor_names()?);
                }
                all.sort();
                all.dedup();
                Some(all)
            }
        }
    }

    /// Whether the requirement holds when `present` tells which identifiers a text has.
    pub fn holds(&self, present: &dyn Fn(&str) -> bool) -> bool {
        match self {
            Requirement::True => true,
            Requirement::Ident(name) => present(name),
            Requirement::And(parts) => parts.iter().all(|p| p.holds(present)),
            Requirement::Or(parts) => parts.iter().any(|p| p.holds(present)),
        }
    }

    /// Whether the requirement holds of a text's identifiers.
    pub fn holds_in(&self, idents: &FileIdents) -> bool {
        self.holds(&|name| idents.contains(name))
    }

    /// Whether the requirement holds of a text, each name looked up as a whole word (see
    /// [`contains_word`]).
    pub fn holds_in_text(&self, text: &str) -> bool {
        self.holds(&|name| contains_word_in_bytes(text.as_bytes(), name))
    }

    /// [`Self::holds_in_text`] of the text a file's bytes decode to, asked of the bytes as
    /// read, so that a file the prefilter rules out is neither validated nor copied. The
    /// answer is the same when every name is ASCII: decoding (`c_parser::SourceText`)
    /// replaces only bytes of invalid sequences (and characters of its raw-byte range),
    /// never an ASCII byte, with bytes of 0x80 and above, which are not word bytes either
    /// side. `None` when some name is not ASCII.
    pub fn holds_in_bytes(&self, bytes: &[u8]) -> Option<bool> {
        self.for_bytes().map(|ready| ready.holds_in_bytes(bytes))
    }

    /// This requirement made ready to be asked of many files' bytes, each name's searcher
    /// built once (built per file and name, they were 3% of a run that only prefilters);
    /// `None` when some name is not ASCII (see [`Self::holds_in_bytes`]).
    pub fn for_bytes(&self) -> Option<BytesRequirement> {
        self.names_are_ascii()
            .then(|| BytesRequirement(Searches::of(self)))
    }

    fn names_are_ascii(&self) -> bool {
        match self {
            Requirement::True => true,
            Requirement::Ident(name) => name.is_ascii(),
            Requirement::And(parts) | Requirement::Or(parts) => {
                parts.iter().all(Requirement::names_are_ascii)
            }
        }
    }

    fn and(parts: Vec<Requirement>) -> Requirement {
        let mut flat = Vec::new();
        for p in parts {
            match p {
                Requirement::True => {}
                Requirement::And(inner) => flat.extend(inner),
                other => {
                    if !flat.contains(&other) {
                        flat.push(other)
                    }
                }
            }
        }
        match flat.len() {
            0 => Requirement::True,
            1 => flat.remove(0),
            _ => Requirement::And(flat),
        }
    }

    fn or(parts: Vec<Requirement>) -> Requirement {
        let mut flat = Vec::new();
        for p in parts {
            match p {
                Requirement::True => return Requirement::True,
                Requirement::Or(inner) => flat.extend(inner),
                other => {
                    if !flat.contains(&other) {
                        flat.push(other)
                    }
                }
            }
        }
        match flat.len() {
            0 => Requirement::True,
            1 => flat.remove(0),
            _ => Requirement::Or(flat),
        }
    }
}

/// The identifier-like words of a text (maximal runs of `[A-Za-z0-9_$]` and their tails
/// from a `$`, comments and strings included): a superset of its identifier tokens, so a
/// name absent from it is in no token of the text.
#[derive(Clone, Debug, Default)]
pub struct FileIdents {
    words: HashSet<String>,
}

impl FileIdents {
    pub fn of_text(text: &str) -> FileIdents {
        let is_word = is_word_byte;
        let bytes = text.as_bytes();
        let mut words = HashSet::new();
        let mut i = 0;
        while i < bytes.len() {
            if !is_word(bytes[i]) {
                i += 1;
                continue;
            }
            let start = i;
            while i < bytes.len() && is_word(bytes[i]) {
                i += 1;
            }
            // Word bytes are ASCII, so `start..i` lies on character boundaries.
            let word = &text[start..i];
            if !words.contains(word) {
                words.insert(word.to_string());
            }
            // A number stops before `$` (`0$x` is `0` then `$x`): names may start there.
            for (d, _) in word.match_indices('$').filter(|(d, _)| *d > 0) {
                words.insert(word[d..].to_string());
            }
        }
        FileIdents { words }
    }

    pub fn contains(&self, name: &str) -> bool {
        self.words.contains(name)
    }
}

fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || b == b'$'
}

/// Whether `name` occurs in `text` as one of its [`FileIdents`] words: not preceded or
/// followed by a word byte (a name starting with `$` may follow one).
pub fn contains_word(text: &str, name: &str) -> bool {
    contains_word_in_bytes(text.as_bytes(), name)
}

fn contains_word_in_bytes(bytes: &[u8], name: &str) -> bool {
    WordSearch::new(name).is_some_and(|search| search.occurs_in(bytes))
}

/// A [`Requirement`] made ready to be asked of the bytes of many files, as read (see
/// [`Requirement::holds_in_bytes`]).
#[derive(Clone, Debug)]
pub struct BytesRequirement(Searches);

impl BytesRequirement {
    /// What [`Requirement::holds_in_bytes`] answers of these bytes.
    pub fn holds_in_bytes(&self, bytes: &[u8]) -> bool {
        self.0.hold_in(bytes)
    }
}

#[derive(Clone, Debug)]
enum Searches {
    True,
    /// `None`: the empty name, which is in no text.
    Word(Option<Box<WordSearch>>),
    And(Vec<Searches>),
    Or(Vec<Searches>),
}

impl Searches {
    fn of(requirement: &Requirement) -> Searches {
        match requirement {
            Requirement::True => Searches::True,
            Requirement::Ident(name) => Searches::Word(WordSearch::new(name).map(Box::new)),
            Requirement::And(parts) => Searches::And(parts.iter().map(Searches::of).collect()),
            Requirement::Or(parts) => Searches::Or(parts.iter().map(Searches::of).collect()),
        }
    }

    fn hold_in(&self, bytes: &[u8]) -> bool {
        match self {
            Searches::True => true,
            Searches::Word(search) => search.as_ref().is_some_and(|s| s.occurs_in(bytes)),
            Searches::And(parts) => parts.iter().all(|p| p.hold_in(bytes)),
            Searches::Or(parts) => parts.iter().any(|p| p.hold_in(bytes)),
        }
    }
}

/// The search for one name as a whole word.
#[derive(Clone, Debug)]
struct WordSearch {
    // memchr's searcher, not `str::find`: every rule's names are looked for in every file
    // before the rule runs (str's searcher was 6% of the copy-client conversion).
    finder: memchr::memmem::Finder<'static>,
    /// The name starts with `$`, so it may follow a word byte.
    free_start: bool,
    /// The length of the name's first character, in bytes.
    first_len: usize,
}

impl WordSearch {
    /// `None` for the empty name.
    fn new(name: &str) -> Option<WordSearch> {
        let first = name.chars().next()?;
        Some(WordSearch {
            finder: memchr::memmem::Finder::new(name.as_bytes()).into_owned(),
            free_start: first == '$',
            first_len: first.len_utf8(),
        })
    }

    fn occurs_in(&self, bytes: &[u8]) -> bool {
        let len = self.finder.needle().len();
        // Overlapping occurrences count: in `$$$`, the word `$$` starts at the second `$`,
        // after an occurrence at the first that is glued to what follows.
        let mut from = 0;
        while let Some(found) = self.finder.find(&bytes[from..]) {
            let at = from + found;
            let end = at + len;
            if (self.free_start || at == 0 || !is_word_byte(bytes[at - 1]))
                && (end == bytes.len() || !is_word_byte(bytes[end]))
            {
                return true;
            }
            from = at + self.first_len;
        }
        false
    }
}

struct Walker<'r> {
    body: &'r RuleBody,
    metavar_names: HashSet<&'r str>,
}

impl Walker<'_> {
    /// `None`: the pattern has a part the analysis does not trust (a parse error).
    fn node(&self, node: &SyntaxNode, depth: usize) -> Option<Requirement> {
        use SyntaxKind::*;
        if depth > MAX_DEPTH {
            return Some(Requirement::True);
        }
        match node.kind() {
            ERROR => None,
            WHEN_CLAUSE | NEST | OPT_STMT => Some(Requirement::True),
            DISJ => {
                let branches = self.branches(node, depth)?;
                Some(Requirement::or(branches))
            }
            CONJ => {
                let branches = self.branches(node, depth)?;
                // `( A & B )` needs both; a mix of `|` and `&` is read as a disjunction.
                let mixed = node
                    .children_with_tokens()
                    .any(|e| e.kind() == SyntaxKind::DISJ_SEP);
                Some(if mixed {
                    Requirement::or(branches)
                } else {
                    Requirement::and(branches)
                })
            }
            IF_STMT => {
                // `drop_else`: the pattern's `else` branch may be missing from the code.
                let mut parts = Vec::new();
                for el in node.children_with_tokens() {
                    if el.kind() == ELSE_KW {
                        break;
                    }
                    parts.push(self.element(&el, depth)?);
                }
                Some(Requirement::and(parts))
            }
            _ => {
                let mut parts = Vec::new();
                for el in node.children_with_tokens() {
                    parts.push(self.element(&el, depth)?);
                }
                Some(Requirement::and(parts))
            }
        }
    }

    fn branches(&self, node: &SyntaxNode, depth: usize) -> Option<Vec<Requirement>> {
        node.children()
            .filter(|c| c.kind() == SyntaxKind::DISJ_BRANCH)
            .map(|c| self.node(&c, depth + 1))
            .collect()
    }

    fn element(&self, el: &SyntaxElement, depth: usize) -> Option<Requirement> {
        match el {
            SyntaxElement::Node(n) => self.node(n, depth + 1),
            SyntaxElement::Token(t) => {
                if t.kind() != SyntaxKind::IDENT {
                    return Some(Requirement::True);
                }
                let name = t.text();
                let required = self.body.pattern_token(t).is_some_and(|pt| {
                    pt.metavar.is_none()
                        && !pt.optional
                        && !self.metavar_names.contains(name)
                        && !ISO_REWRITTEN.contains(&name)
                });
                Some(if required {
                    Requirement::Ident(name.to_string())
                } else {
                    Requirement::True
                })
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Requirement::{self, *};
    use super::*;
    use proptest::strategy::Strategy;
    use std::path::Path;

    fn rules(text: &str) -> Vec<Requirement> {
        let file = smpl_parser::parse_rule_file(Path::new("t.cocci"), text).unwrap();
        file.rules.iter().map(Requirement::of_rule).collect()
    }

    fn one(text: &str) -> Requirement {
        rules(text).remove(0)
    }

    fn id(name: &str) -> Requirement {
        Ident(name.to_string())
    }

    #[test]
    fn call_requires_its_name_but_not_metavariables() {
        assert_eq!(
            one("@@\nexpression p, e;\n@@\n- OBD_FREE(p, e);\n+ kfree(p);\n"),
            id("OBD_FREE")
        );
    }

    #[test]
    fn statement_sequence_requires_every_name() {
        assert_eq!(
            one("@@\nexpression x;\n@@\n  spin_lock(x);\n  ...\n- spin_unlock(x);\n"),
            And(vec![id("spin_lock"), id("spin_unlock")])
        );
    }

    #[test]
    fn disjunction_requires_one_branch() {
        assert_eq!(
            one("@@\nexpression p;\n@@\n(\n- kfree(p);\n|\n- kvfree(p);\n)\n"),
            Or(vec![id("kfree"), id("kvfree")])
        );
    }

    #[test]
    fn null_when_nest_and_optional_require_nothing() {
        assert_eq!(
            one("@@\nexpression p;\n@@\n- if (p != NULL)\n- kfree(p);\n+ kfree(p);\n"),
            id("kfree")
        );
        assert_eq!(
            one("@@\nexpression x;\n@@\n  lock(x);\n  ... when != unlock(x)\n- relock(x);\n"),
            And(vec![id("lock"), id("relock")])
        );
        assert_eq!(
            one("@@\nexpression x;\n@@\n  f(x) {\n  <... g(x) ...>\n  }\n"),
            id("f")
        );
        assert_eq!(
            one("@@\nexpression x;\n@@\n  lock(x);\n? audit(x);\n- unlock(x);\n"),
            And(vec![id("lock"), id("unlock")])
        );
    }

    #[test]
    fn else_branch_requires_nothing() {
        assert_eq!(
            one("@@\nexpression x;\n@@\n- if (ready(x)) go(x); else stop(x);\n"),
            And(vec![id("ready"), id("go")])
        );
    }

    #[test]
    fn script_and_plus_only_rules_require_nothing() {
        let text =
            "@r@\nidentifier f;\n@@\n  f(...);\n\n@script:python@\nf << r.f;\n@@\nprint(f)\n\n\
                    @@\n@@\n+ #include <linux/slab.h>\n";
        assert_eq!(rules(text), vec![True, True, True]);
    }

    #[test]
    fn formula_against_file_text() {
        let req = one("@@\nexpression p;\n@@\n(\n- kfree(p);\n|\n- kvfree(p);\n)\n  done(p);\n");
        assert_eq!(
            req,
            And(vec![Or(vec![id("kfree"), id("kvfree")]), id("done")])
        );
        let yes = FileIdents::of_text("void f(char *p)\n{\n\tkvfree(p);\n\tdone(p);\n}\n");
        let no_done = FileIdents::of_text("void f(char *p)\n{\n\tkvfree(p);\n}\n");
        let prefix_only =
            FileIdents::of_text("void f(void)\n{\n\tkfree_rcu(p);\n\tundone(p);\n}\n");
        assert!(req.holds_in(&yes));
        assert!(!req.holds_in(&no_done));
        assert!(!req.holds_in(&prefix_only));
        assert!(True.holds_in(&FileIdents::of_text("")));
    }

    #[test]
    fn words_include_comments_and_dollar_names() {
        let idents = FileIdents::of_text("/* obd_free */ int a$b = 0x1f;é_x");
        for w in ["obd_free", "int", "a$b", "0x1f", "_x"] {
            assert!(idents.contains(w), "{w}");
        }
        assert!(!idents.contains("obd"));
    }

    #[test]
    fn a_name_beyond_ascii_is_looked_for_in_the_decoded_text_only() {
        assert_eq!(id("caf\u{e9}").holds_in_bytes(b"caf\xe9"), None);
        assert_eq!(id("cafe").holds_in_bytes(b"cafe\xe9"), Some(true));
    }

    #[test]
    fn word_search_needs_whole_words() {
        let text = "OBD_FREE_PTR(p); x$y; /* kfree */";
        assert!(!contains_word(text, "OBD_FREE"));
        assert!(contains_word(text, "OBD_FREE_PTR"));
        assert!(contains_word(text, "kfree"));
        assert!(contains_word(text, "$y"));
        assert!(!contains_word(text, "x"));
        let req = one("@@\nexpression p;\n@@\n- OBD_FREE(p, sizeof(*p));\n");
        assert!(!req.holds_in_text(text));
        assert!(req.holds_in_text("OBD_FREE(p, sizeof(*p));"));
    }

    proptest::proptest! {
        /// The word search and the word set agree on every word of the text.
        #[test]
        fn word_search_agrees_with_word_set(text in "[a-c_$0-9 ()\n]{0,40}", name in "[a-c_$0-9]{1,3}") {
            let idents = FileIdents::of_text(&text);
            proptest::prop_assert_eq!(contains_word(&text, &name), idents.contains(&name));
        }

        /// On the bytes as read, the prefilter answers as on the decoded text: bytes that
        /// are not UTF-8 (or private-use characters the decoding escapes) next to a name
        /// or between names change nothing.
        #[test]
        fn bytes_as_read_answer_as_their_decoded_text(
            pieces in proptest::collection::vec(proptest::prop_oneof![
                proptest::string::string_regex("[a-c_$ (]{1,3}").unwrap().prop_map(String::into_bytes),
                proptest::collection::vec(0x80u8..=0xFF, 1..3),
                proptest::strategy::Just("é".as_bytes().to_vec()),
                proptest::strategy::Just("\u{10FF41}".as_bytes().to_vec()),
            ], 0..12),
            names in proptest::collection::vec("[a-c_$]{1,3}", 1..3),
        ) {
            let bytes = pieces.concat();
            let text = c_parser::SourceText::decode(&bytes);
            let req = match names.len() {
                1 => id(&names[0]),
                _ => And(names.iter().map(|n| id(n)).collect()),
            };
            for req in [req.clone(), Or(vec![req, id("zz")])] {
                proptest::prop_assert_eq!(req.holds_in_bytes(&bytes), Some(req.holds_in_text(text.as_str())));
            }
        }

        /// Every identifier token of any text is among its words (the prefilter's safety).
        #[test]
        fn every_identifier_token_is_a_word(text in "[a-z_$0-9 ()\\\n\"'/*.é]{0,80}") {
            let idents = FileIdents::of_text(&text);
            let mut at = 0usize;
            for tok in c_parser::lex(&text, c_parser::LexMode::C) {
                let end = at + tok.len as usize;
                if tok.kind == SyntaxKind::IDENT {
                    proptest::prop_assert!(idents.contains(&text[at..end]), "{:?}", &text[at..end]);
                }
                at = end;
            }
        }
    }
}

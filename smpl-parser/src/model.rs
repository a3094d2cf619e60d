//! The parsed form of a rule file: what the matcher, the rewriter and the rule scheduler read.

use crate::body::RuleBody;
use std::ops::Range;
use std::path::PathBuf;

/// A whole `.cocci` file, with the rules of the files it `#include`s spliced in first when read
/// through [`crate::parse_rule_file_with_includes`].
#[derive(Clone, Debug, Default)]
pub struct RuleFile {
    pub path: PathBuf,
    pub rules: Vec<Rule>,
    /// `virtual a, b;` names, in order of declaration.
    pub virtuals: Vec<String>,
    /// `#include "other.cocci"` lines of this file (not of the included ones).
    pub includes: Vec<IncludeDirective>,
    /// File-level `using "x.iso"` lines.
    pub isos: Vec<String>,
    /// The text after `#spatch` on `#spatch` option lines (command-line flags the file asks for).
    pub spatch_options: Vec<String>,
    /// The rule files read: this one first, then those it includes. `Rule::source` indexes
    /// this; spans are byte offsets into the source's text.
    pub sources: Vec<SourceFile>,
    /// Warnings about the rule file (unused or likely undeclared metavariables), located;
    /// print them with [`crate::Diagnostics::emit_to_stderr`]. Empty when there are none.
    pub warnings: crate::Diagnostics,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SourceFile {
    pub path: PathBuf,
    pub text: String,
}

impl RuleFile {
    /// The names `-D name` / `-D name=value` may give: the `virtual` declarations (those of
    /// included files too), then the `virtual.name` metavariables, each once, in order.
    pub fn virtual_names(&self) -> Vec<&str> {
        let mut out: Vec<&str> = self.virtuals.iter().map(String::as_str).collect();
        let bound = self
            .rules
            .iter()
            .flat_map(|r| &r.metavars)
            .filter(|m| m.name.rule.as_deref() == Some("virtual"))
            .map(|m| m.name.name.as_str());
        for name in bound {
            if !out.contains(&name) {
                out.push(name);
            }
        }
        out
    }

    /// The rule named `name` (anonymous rules are `rule_N`).
    pub fn rule(&self, name: &str) -> Option<&Rule> {
        self.rules.iter().find(|r| r.name == name)
    }

    /// 1-based line and column of a byte offset in a rule's source.
    pub fn line_col(&self, rule: &Rule, offset: usize) -> (usize, usize) {
        match self.sources.get(rule.source) {
            Some(s) => crate::diag::line_col(&s.text, offset),
            None => (0, 0),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IncludeDirective {
    pub path: String,
    pub span: Range<usize>,
}

#[derive(Clone, Debug)]
pub struct Rule {
    /// The declared name, or `rule_N` (N counting from 1 in the file) for anonymous rules,
    /// which is how spatch names them too.
    pub name: String,
    pub named: bool,
    pub header: RuleHeader,
    pub metavars: Vec<MetavarDecl>,
    pub content: RuleContent,
    /// Byte range of the header (`@...@`) in the rule file.
    pub span: Range<usize>,
    /// Index in `RuleFile::sources` of the file the rule is written in.
    pub source: usize,
    /// Names of this rule's metavariables that other rules inherit (`r.x`) or scripts read
    /// (`x << r.x`): their values matter beyond this rule's own match.
    pub inherited_later: Vec<String>,
}

#[derive(Clone, Debug)]
pub enum RuleContent {
    Code(Box<RuleBody>),
    Script(ScriptRule),
}

/// Fills each rule's `inherited_later` from the other rules' declarations and script
/// bindings.
pub(crate) fn mark_inherited_later(rules: &mut [Rule]) {
    let mut named: Vec<(String, String)> = Vec::new();
    for rule in rules.iter() {
        let from_decls = rule.metavars.iter().map(|d| &d.name);
        let from_scripts = match &rule.content {
            RuleContent::Script(s) => s
                .bindings
                .iter()
                .filter_map(|b| b.source.as_ref())
                .collect(),
            RuleContent::Code(_) => Vec::new(),
        };
        for name in from_decls.chain(from_scripts) {
            if let Some(owner) = &name.rule {
                named.push((owner.clone(), name.name.clone()));
            }
        }
    }
    for rule in rules.iter_mut() {
        rule.inherited_later = named
            .iter()
            .filter(|(owner, _)| *owner == rule.name)
            .map(|(_, name)| name.clone())
            .collect();
        rule.inherited_later.sort();
        rule.inherited_later.dedup();
    }
}

impl Rule {
    pub fn body(&self) -> Option<&RuleBody> {
        match &self.content {
            RuleContent::Code(b) => Some(b.as_ref()),
            RuleContent::Script(_) => None,
        }
    }

    pub fn script(&self) -> Option<&ScriptRule> {
        match &self.content {
            RuleContent::Script(s) => Some(s),
            RuleContent::Code(_) => None,
        }
    }

    /// The declaration of a metavariable usable in this rule's body under `name`.
    pub fn metavar(&self, name: &str) -> Option<&MetavarDecl> {
        self.metavars.iter().find(|m| m.name.name == name)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ScriptPhase {
    /// `@script:lang ...@`: runs once per match environment.
    Script,
    /// `@initialize:lang@`: runs before any file.
    Initialize,
    /// `@finalize:lang@`: runs after all files.
    Finalize,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum HeaderKind {
    Code,
    Script {
        phase: ScriptPhase,
        language: String,
    },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Quantifier {
    Exists,
    Forall,
}

/// `expression`, `identifier` or `type` after the rule name: what a lone term in the body is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RuleKind {
    Expression,
    Identifier,
    Type,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Dependency {
    Rule(String),
    Not(Box<Dependency>),
    Ever(String),
    Never(String),
    And(Box<Dependency>, Box<Dependency>),
    Or(Box<Dependency>, Box<Dependency>),
    FileIn(String),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RuleHeader {
    pub kind: HeaderKind,
    pub extends: Option<String>,
    pub depends: Option<Dependency>,
    /// `depends on exists ...` / `depends on forall ...`.
    pub depends_scope: Option<Quantifier>,
    /// `using "a.iso", "b.iso"`.
    pub isos: Vec<String>,
    /// `disable iso1, iso2`.
    pub disabled_isos: Vec<String>,
    pub quantifier: Option<Quantifier>,
    pub rule_kind: Option<RuleKind>,
}

impl Default for RuleHeader {
    fn default() -> Self {
        RuleHeader {
            kind: HeaderKind::Code,
            extends: None,
            depends: None,
            depends_scope: None,
            isos: Vec::new(),
            disabled_isos: Vec::new(),
            quantifier: None,
            rule_kind: None,
        }
    }
}

/// A metavariable name: `x`, `rule.x` (inherited) or `virtual.x` (from `-D x=...`).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct MetaName {
    pub rule: Option<String>,
    pub name: String,
}

impl std::fmt::Display for MetaName {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.rule {
            Some(r) => write!(f, "{r}.{}", self.name),
            None => f.write_str(&self.name),
        }
    }
}

/// `list`, `list[n]` (n names a metavariable binding the length) or `list[3]`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ListLen {
    Any,
    Named(MetaName),
    /// `list[n = {2}]`, `list[n = {1...3}]`: a named length with allowed values.
    NamedConstrained {
        name: MetaName,
        values: Vec<String>,
    },
    Fixed(u64),
}

/// A C type as written in a declaration (`struct foo *`, `unsigned long`, `T`), normalised to
/// single spaces between tokens.
pub type CType = String;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IdScope {
    Any,
    Local,
    Global,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum MetavarKind {
    Identifier,
    IdentifierList(ListLen),
    FreshIdentifier(Option<FreshSeed>),
    /// `expression E`, `expression struct foo *E`, `int E`, `{int, long} *E`, `T E[]`:
    /// `types` empty means any type; `array` for the `[]` form.
    Expression {
        types: Vec<CType>,
        array: bool,
    },
    ExpressionList(ListLen),
    IdExpression {
        scope: IdScope,
        types: Vec<CType>,
    },
    Constant {
        types: Vec<CType>,
    },
    Type,
    Statement,
    StatementList(ListLen),
    Declaration,
    Field,
    FieldList(ListLen),
    Parameter,
    ParameterList(ListLen),
    Initializer,
    InitializerList(ListLen),
    Format,
    FormatList(ListLen),
    BinaryOperator,
    AssignmentOperator,
    UnaryOperator,
    Position {
        any: bool,
    },
    /// `comments c;`: the comments attached to a token (`f@c`).
    Comments,
    /// `pragmainfo p;`: the rest of a `#pragma` line after the words the rule names.
    PragmaInfo,
    /// `metavariable x;`: the kind is inferred from where `x` is used.
    Metavariable,
    /// The `n` of `expression list[n] es;`: the number of elements the list matched (an
    /// integer), which another list of this rule or of a later one must then have.
    ListLength,
    /// `function f;` / `local function f;` (an identifier naming a function).
    Function {
        local: bool,
    },
    Attribute,
    Declarer,
    Iterator,
    /// Not metavariables: names the body should read as C symbols, typedef names, attribute,
    /// declarer or iterator macros.
    Symbol,
    Typedef,
    AttributeName,
    DeclarerName,
    IteratorName,
}

impl MetavarKind {
    /// Whether a declaration of this kind makes the name a metavariable (as opposed to telling
    /// the parser what a C name is).
    pub fn is_metavariable(&self) -> bool {
        !matches!(
            self,
            MetavarKind::Symbol
                | MetavarKind::Typedef
                | MetavarKind::AttributeName
                | MetavarKind::DeclarerName
                | MetavarKind::IteratorName
        )
    }

    /// The length a list metavariable's declaration gives (`list`, `list[n]`, `list[3]`);
    /// `None` for a kind that is not a list.
    pub fn list_len(&self) -> Option<&ListLen> {
        match self {
            MetavarKind::IdentifierList(l)
            | MetavarKind::ExpressionList(l)
            | MetavarKind::StatementList(l)
            | MetavarKind::FieldList(l)
            | MetavarKind::ParameterList(l)
            | MetavarKind::InitializerList(l)
            | MetavarKind::FormatList(l) => Some(l),
            _ => None,
        }
    }

    /// The keyword spelling used in dumps and messages.
    pub fn describe(&self) -> String {
        fn list(base: &str, l: &ListLen) -> String {
            match l {
                ListLen::Any => format!("{base} list"),
                ListLen::Named(n) => format!("{base} list[{n}]"),
                ListLen::Fixed(n) => format!("{base} list[{n}]"),
                ListLen::NamedConstrained { name, values } => {
                    format!("{base} list[{name} = {{{}}}]", values.join(", "))
                }
            }
        }
        fn types(ts: &[CType]) -> String {
            match ts.len() {
                0 => String::new(),
                1 => format!(" {}", ts[0]),
                _ => format!(" {{{}}}", ts.join(", ")),
            }
        }
        match self {
            MetavarKind::Identifier => "identifier".into(),
            MetavarKind::IdentifierList(l) => list("identifier", l),
            MetavarKind::FreshIdentifier(_) => "fresh identifier".into(),
            MetavarKind::Expression { types: ts, array } => {
                format!("expression{}{}", types(ts), if *array { " []" } else { "" })
            }
            MetavarKind::ExpressionList(l) => list("expression", l),
            MetavarKind::IdExpression { scope, types: ts } => {
                let s = match scope {
                    IdScope::Any => "",
                    IdScope::Local => "local ",
                    IdScope::Global => "global ",
                };
                format!("{s}idexpression{}", types(ts))
            }
            MetavarKind::Constant { types: ts } => format!("constant{}", types(ts)),
            MetavarKind::Type => "type".into(),
            MetavarKind::Statement => "statement".into(),
            MetavarKind::StatementList(l) => list("statement", l),
            MetavarKind::Declaration => "declaration".into(),
            MetavarKind::Field => "field".into(),
            MetavarKind::FieldList(l) => list("field", l),
            MetavarKind::Parameter => "parameter".into(),
            MetavarKind::ParameterList(l) => list("parameter", l),
            MetavarKind::Initializer => "initializer".into(),
            MetavarKind::InitializerList(l) => list("initializer", l),
            MetavarKind::Format => "format".into(),
            MetavarKind::FormatList(l) => list("format", l),
            MetavarKind::BinaryOperator => "binary operator".into(),
            MetavarKind::AssignmentOperator => "assignment operator".into(),
            MetavarKind::UnaryOperator => "unary operator".into(),
            MetavarKind::Position { any } => {
                if *any {
                    "position any".into()
                } else {
                    "position".into()
                }
            }
            MetavarKind::Comments => "comments".into(),
            MetavarKind::PragmaInfo => "pragmainfo".into(),
            MetavarKind::Metavariable => "metavariable".into(),
            MetavarKind::ListLength => "list length".into(),
            MetavarKind::Function { local } => {
                if *local {
                    "local function".into()
                } else {
                    "function".into()
                }
            }
            MetavarKind::Attribute => "attribute".into(),
            MetavarKind::Declarer => "declarer".into(),
            MetavarKind::Iterator => "iterator".into(),
            MetavarKind::Symbol => "symbol".into(),
            MetavarKind::Typedef => "typedef".into(),
            MetavarKind::AttributeName => "attribute name".into(),
            MetavarKind::DeclarerName => "declarer name".into(),
            MetavarKind::IteratorName => "iterator name".into(),
        }
    }
}

/// How a fresh identifier gets its name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FreshSeed {
    /// `= "a" ## x ## "b"` (a single string is the one-element case).
    Concat(Vec<SeedPart>),
    /// `= script:python(r.x, y) { expr }`.
    Script(ScriptConstraint),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SeedPart {
    Str(String),
    Meta(MetaName),
}

/// `: script:python(a, r.b) { expr }` after a metavariable, or a fresh identifier seed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ScriptConstraint {
    pub language: String,
    pub params: Vec<MetaName>,
    /// The code between the braces, verbatim.
    pub code: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Constraint {
    /// `=~ "regex"` (`negated`: `!~`). The string without its quotes, escapes kept.
    Regex {
        negated: bool,
        pattern: String,
        /// The pattern compiled in the rule file's dialect (checked when the file is read).
        regex: crate::CompiledRegex,
    },
    /// `= x`, `= {a, b}`, `!= 0`, `= {+, -}` for operators: each element as written.
    Compare {
        negated: bool,
        values: Vec<String>,
    },
    Script(ScriptConstraint),
    /// `<= e` / `<= {e1, e2}`: the matched term is a sub-term of another metavariable's value.
    SubTermOf(Vec<String>),
    /// `c1 || c2`: one of the alternatives holds.
    Any(Vec<Constraint>),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MetavarDecl {
    pub name: MetaName,
    pub kind: MetavarKind,
    pub constraints: Vec<Constraint>,
    /// Byte range of the name in the rule file.
    pub span: Range<usize>,
    /// Declared by being named in another declaration (`r.T *x;`, `p != r.q`), not on a
    /// line of its own: it may share its name with a metavariable of this rule.
    pub implied: bool,
}

impl MetavarDecl {
    pub fn is_inherited(&self) -> bool {
        self.name.rule.as_deref().is_some_and(|r| r != "virtual")
    }
}

/// `x << rule.y;`, `x << rule.y = "default";`, `(s, ast) << rule.y;` or `x;` (an output).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ScriptBinding {
    /// The local name(s): one, or two for OCaml's `(string, ast)` form (`_` kept as written).
    pub locals: Vec<String>,
    pub source: Option<MetaName>,
    /// `= "text"` or `= []` (kept as written).
    pub default: Option<String>,
    pub span: Range<usize>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ScriptRule {
    pub language: String,
    pub bindings: Vec<ScriptBinding>,
    /// The script code, verbatim, from the line after `@@` to the next rule.
    pub code: String,
    /// Byte offset of `code` in the rule file.
    pub code_offset: usize,
}

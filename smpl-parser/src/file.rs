//! The structure of a rule file: preamble lines (`virtual`, `using`, `#include`, `#spatch`),
//! then rules, each a header, metavariable declarations up to `@@`, and a body running to the
//! next line that starts with `@`.

use crate::body;
use crate::cursor::{unquote, Cursor};
use crate::diag::Diagnostics;
use crate::header::parse_header;
use crate::lexer::{line_end_of, Lexer, Tok, TokKind};
use crate::metavar::{parse_metadecls, parse_script_bindings};
use crate::model::*;
use crate::regex_constraint::RegexDialect;
use std::collections::HashSet;
use std::path::Path;

/// What the parse of one file knows about the rest of the rule set.
pub struct Context<'a> {
    /// Rules defined by files this one includes, usable in `depends on` and inheritance.
    pub known_rules: &'a [String],
    /// When the file includes others that were not read, names of unknown rules may be theirs
    /// and are not reported.
    pub trust_unknown_rules: bool,
}

pub fn parse_file(path: &Path, text: &str, ctx: &Context) -> (RuleFile, Diagnostics) {
    let mut parser = FileParser::new(path, text, ctx);
    while let Some(tok) = parser.lx.next_tok() {
        match tok.text(text) {
            "@" | "@@" => parser.rule(tok),
            "virtual" => parser.virtual_line(),
            "using" => parser.using_line(tok),
            "#" => parser.preamble_directive(tok),
            _ => parser.stray_token(tok),
        }
    }
    parser.finish()
}

/// Parsing a rule file: the file's parts so far, and the names of the rules it can refer to.
struct FileParser<'t> {
    text: &'t str,
    ctx: &'t Context<'t>,
    /// The file's index in `diags`.
    file: usize,
    lx: Lexer<'t>,
    out: RuleFile,
    /// A set: rule files with thousands of rules must load in linear time.
    rule_names: HashSet<String>,
    diags: Diagnostics,
}

impl<'t> FileParser<'t> {
    fn new(path: &Path, text: &'t str, ctx: &'t Context<'t>) -> Self {
        let mut diags = Diagnostics::new();
        let file = diags.add_file(path.display().to_string(), text.to_string());
        let out = RuleFile {
            path: path.to_path_buf(),
            sources: vec![SourceFile {
                path: path.to_path_buf(),
                text: text.to_string(),
            }],
            ..RuleFile::default()
        };
        FileParser {
            text,
            ctx,
            file,
            lx: Lexer::new(text, 0),
            out,
            rule_names: ctx.known_rules.iter().cloned().collect(),
            diags,
        }
    }

    /// A rule, from its opening `@`.
    fn rule(&mut self, open: Tok) {
        let state = RuleState {
            file: self.file,
            n: self.out.rules.len() + 1,
            rule_names: &self.rule_names,
            has_includes: self.ctx.trust_unknown_rules || !self.out.includes.is_empty(),
            earlier: &self.out.rules,
            regex_dialect: regex_dialect(&self.out.spatch_options),
        };
        let (name, rule) = parse_rule(
            self.text,
            &mut self.lx,
            open,
            &state,
            &self.out.virtuals,
            &mut self.diags,
        );
        let Some(rule) = rule else {
            // The rule's problems are reported; later rules may still name it.
            self.rule_names.extend(name);
            self.lx.pos = next_rule_start(self.text, self.lx.pos);
            return;
        };
        if rule.named && self.rule_names.contains(&rule.name) {
            self.diags.error(
                self.file,
                rule.span.clone(),
                format!("a rule named `{}` is already defined", rule.name),
            );
        }
        if let Some(body) = rule.body() {
            check_star_mix(body, self.file, &mut self.diags);
        }
        self.rule_names.insert(rule.name.clone());
        self.out.rules.push(rule);
    }

    /// `virtual a, b`
    fn virtual_line(&mut self) {
        for (name, _) in rest_of_line_idents(self.text, &mut self.lx) {
            if !self.out.virtuals.contains(&name) {
                self.out.virtuals.push(name);
            }
        }
    }

    /// `using "a.iso" b.iso`
    fn using_line(&mut self, using: Tok) {
        let text = self.text;
        let end = line_end_of(text, using.range.end);
        while let Some(s) = self.lx.peek_tok().filter(|s| s.range.start < end) {
            self.lx.next_tok();
            if s.kind == TokKind::Str {
                self.out.isos.push(unquote(s.text(text)));
            } else if s.text(text) != "," {
                self.out.isos.push(s.text(text).to_string());
            }
        }
    }

    /// `#include "file.cocci"` or `#spatch options`, from the `#`.
    fn preamble_directive(&mut self, hash: Tok) {
        let text = self.text;
        let end = line_end_of(text, hash.range.end);
        let line = text[hash.range.end..end].trim();
        if let Some(rest) = line.strip_prefix("spatch") {
            self.out.spatch_options.push(rest.trim().to_string());
        } else if let Some(rest) = line.strip_prefix("include") {
            let p = rest.trim();
            let p = p
                .trim_start_matches(['"', '<'])
                .trim_end_matches(['"', '>']);
            self.out.includes.push(IncludeDirective {
                path: p.to_string(),
                span: hash.range.start..end.min(text.len()),
            });
        } else {
            self.diags.error(
                self.file,
                hash.range.start..end,
                "expected `#include \"file.cocci\"` or `#spatch options` before the first rule",
            );
        }
        self.lx.pos = end;
    }

    /// Anything else between rules is reported and skipped up to the next rule.
    fn stray_token(&mut self, tok: Tok) {
        self.diags.error_with_hint(
            self.file,
            tok.range.clone(),
            format!("expected a rule header, found `{}`", tok.text(self.text)),
            "a rule starts with `@@` or `@name@` in the first column",
        );
        self.lx.pos = next_rule_start(self.text, tok.range.end);
    }

    /// The checks that need every rule of the file, then the file.
    fn finish(mut self) -> (RuleFile, Diagnostics) {
        let declared = crate::usage::declared_names(&self.out.rules);
        for (i, rule) in self.out.rules.iter().enumerate() {
            crate::usage::check_rule(i, rule, &declared, self.file, &mut self.diags);
        }
        crate::model::mark_inherited_later(&mut self.out.rules);
        (self.out, self.diags)
    }
}

struct RuleState<'a> {
    file: usize,
    n: usize,
    rule_names: &'a HashSet<String>,
    has_includes: bool,
    /// The rules parsed so far in this file (for `extends`).
    earlier: &'a [Rule],
    regex_dialect: RegexDialect,
}

/// `#spatch --ocaml-regexps` makes the file's `=~` patterns OCaml `Str` patterns.
fn regex_dialect(spatch_options: &[String]) -> RegexDialect {
    let ocaml = spatch_options
        .iter()
        .any(|o| o.split_whitespace().any(|w| w == "--ocaml-regexps"));
    if ocaml {
        RegexDialect::OcamlStr
    } else {
        RegexDialect::Pcre
    }
}

/// The identifiers on the rest of the current line (`virtual a, b`).
fn rest_of_line_idents(text: &str, lx: &mut Lexer) -> Vec<(String, std::ops::Range<usize>)> {
    let end = line_end_of(text, lx.pos);
    let mut out = Vec::new();
    while let Some(t) = lx.peek_tok().filter(|t| t.range.start < end) {
        lx.next_tok();
        if t.kind == TokKind::Ident {
            out.push((t.text(text).to_string(), t.range));
        }
    }
    out
}

/// Byte offset of the next line starting with `@` at or after `pos` (or the end).
pub fn next_rule_start(text: &str, pos: usize) -> usize {
    let mut p = crate::lexer::line_start_of(text, pos.min(text.len()));
    if p < pos {
        p = line_end_of(text, pos);
    }
    // A `@` in the first column of a line inside a block comment does not start a rule.
    let mut in_comment = crate::slices::ends_inside_comment(
        &text[crate::lexer::line_start_of(text, pos.min(text.len()))..p],
        false,
    );
    while p < text.len() {
        if !in_comment && text[p..].starts_with('@') {
            return p;
        }
        let end = line_end_of(text, p);
        in_comment = crate::slices::ends_inside_comment(&text[p..end], in_comment);
        p = end;
    }
    text.len()
}

/// Collects tokens from `lx` until a token with text `stop` (consumed); `None` at the end.
fn tokens_until(text: &str, lx: &mut Lexer, stops: &[&str]) -> Option<(Vec<Tok>, Tok)> {
    let mut toks = Vec::new();
    while let Some(t) = lx.next_tok() {
        if t.kind == TokKind::Punct && stops.contains(&t.text(text)) {
            return Some((toks, t));
        }
        // A new header at the start of a line means the `@@` was forgotten.
        if t.kind == TokKind::Punct && t.text(text).starts_with('@') && t.line_start {
            lx.pos = t.range.start;
            return None;
        }
        toks.push(t);
    }
    None
}

fn parse_rule(
    text: &str,
    lx: &mut Lexer,
    open: Tok,
    st: &RuleState,
    virtuals: &[String],
    diags: &mut Diagnostics,
) -> (Option<String>, Option<Rule>) {
    let mut name_seen = None;
    let rule = parse_rule_inner(text, lx, open, st, virtuals, diags, &mut name_seen);
    (name_seen, rule)
}

fn parse_rule_inner(
    text: &str,
    lx: &mut Lexer,
    open: Tok,
    st: &RuleState,
    virtuals: &[String],
    diags: &mut Diagnostics,
    name_seen: &mut Option<String>,
) -> Option<Rule> {
    let file = st.file;
    let errors_before = error_count(diags);
    let (header, name, header_span) = rule_header(text, lx, open, st, diags)?;
    let (name, named) = match name {
        Some(n) => {
            *name_seen = Some(n.clone());
            (n, true)
        }
        None => (format!("rule_{}", st.n), false),
    };
    // Declarations.
    let decl_start = lx.pos;
    let (toks, close) = match tokens_until(text, lx, &["@@"]) {
        Some(x) => x,
        None => {
            diags.error_with_hint(
                file,
                header_span.clone(),
                "the metavariable declarations of this rule are not closed by `@@`",
                "write `@@` on its own line after the declarations",
            );
            return None;
        }
    };
    check_dependencies(&header, &header_span, st, virtuals, diags);
    let mut c = Cursor {
        src: text,
        toks,
        pos: 0,
        file,
        end: close.range.start.max(decl_start),
        diags,
        regex_dialect: st.regex_dialect,
    };
    let body = close.range.end..next_rule_start(text, close.range.end);
    lx.pos = body.end;
    let (metavars, content) = match &header.kind {
        HeaderKind::Script { language, .. } => {
            let script = script_rule(text, language, body, &mut c, st);
            (Vec::new(), RuleContent::Script(script))
        }
        HeaderKind::Code => {
            let mut metavars = parse_metadecls(&mut c);
            check_metavars(&metavars, st, virtuals, file, diags);
            if let Some(base) = &header.extends {
                metavars = with_extended(metavars, base, st);
            }
            let code = body::parse_body(text, body, &metavars, &header, file, diags);
            if error_count(diags) != errors_before {
                return None;
            }
            (metavars, RuleContent::Code(Box::new(code)))
        }
    };
    Some(Rule {
        name,
        named,
        header,
        metavars,
        content,
        span: header_span,
        source: 0,
        inherited_later: Vec::new(),
    })
}

/// The rule's header (`@@` alone, or `@name depends on ... @`), its name, and where it
/// stands. A bad header is reported; the declarations and body are still read so that the
/// next rule is found where it starts.
fn rule_header(
    text: &str,
    lx: &mut Lexer,
    open: Tok,
    st: &RuleState,
    diags: &mut Diagnostics,
) -> Option<(RuleHeader, Option<String>, std::ops::Range<usize>)> {
    if open.text(text) == "@@" {
        return Some((RuleHeader::default(), None, open.range.clone()));
    }
    let Some((toks, close)) = tokens_until(text, lx, &["@", "@@"]) else {
        diags.error(
            st.file,
            open.range.clone(),
            "unterminated rule header: expected `@`",
        );
        return None;
    };
    let header_end = close.range.end;
    if close.text(text) == "@@" {
        // `@name@@` has no room for declarations: the `@@` closes the header and opens the
        // (empty) declaration section at once.
        lx.pos = close.range.start + 1;
    }
    let mut c = Cursor {
        src: text,
        toks,
        pos: 0,
        file: st.file,
        end: close.range.start,
        diags,
        regex_dialect: st.regex_dialect,
    };
    let (header, name) = parse_header(&mut c).unwrap_or_default();
    Some((header, name.map(|(n, _)| n), open.range.start..header_end))
}

/// A script rule: its bindings (read by `c`) and its code, from the line after the `@@` on
/// when that line holds nothing else.
fn script_rule(
    text: &str,
    language: &str,
    body: std::ops::Range<usize>,
    c: &mut Cursor,
    st: &RuleState,
) -> ScriptRule {
    let bindings = parse_script_bindings(c);
    check_script_bindings(&bindings, st, st.file, c.diags);
    let code_offset = line_end_of(text, body.start.min(text.len()));
    let code_offset = if text[body.start..code_offset].trim().is_empty() {
        code_offset
    } else {
        body.start
    };
    ScriptRule {
        language: language.to_string(),
        bindings,
        code: text[code_offset.min(body.end)..body.end].to_string(),
        code_offset,
    }
}

fn check_metavars(
    metavars: &[MetavarDecl],
    st: &RuleState,
    _virtuals: &[String],
    file: usize,
    diags: &mut Diagnostics,
) {
    let mut seen: HashSet<&str> = HashSet::new();
    for m in metavars {
        if let Some(rule) = &m.name.rule {
            if rule != "virtual" && !st.rule_names.contains(rule) && !st.has_includes {
                diags.error_with_hint(
                    file,
                    m.span.clone(),
                    format!(
                        "`{}` inherits from `{rule}`, which is not an earlier rule",
                        m.name
                    ),
                    "inherited metavariables are written `rule.name`, where `rule` is a rule \
                     defined above this one",
                );
            }
        }
        if m.kind.is_metavariable() && !m.implied && !seen.insert(m.name.name.as_str()) {
            diags.error(
                file,
                m.span.clone(),
                format!(
                    "metavariable `{}` is declared twice in this rule",
                    m.name.name
                ),
            );
        }
    }
}

fn check_script_bindings(
    bindings: &[ScriptBinding],
    st: &RuleState,
    file: usize,
    diags: &mut Diagnostics,
) {
    for b in bindings {
        let Some(src) = &b.source else { continue };
        match &src.rule {
            // `merge.x`: the values a finalize rule collects from all runs.
            Some(rule) if rule == "virtual" || rule == "merge" => {}
            Some(rule) if st.rule_names.contains(rule) || st.has_includes => {}
            Some(rule) => diags.error(
                file,
                b.span.clone(),
                format!("`{src}` names `{rule}`, which is not an earlier rule"),
            ),
            None => diags.error_with_hint(
                file,
                b.span.clone(),
                format!("`{src}` must name the rule it comes from"),
                "write `x << rule.x;`",
            ),
        }
    }
}

fn error_count(diags: &Diagnostics) -> usize {
    diags.problems.iter().filter(|p| !p.is_warning).count()
}

/// Every rule a header depends on must be defined above it or be virtual.
fn check_dependencies(
    header: &RuleHeader,
    span: &std::ops::Range<usize>,
    st: &RuleState,
    virtuals: &[String],
    diags: &mut Diagnostics,
) {
    fn names<'a>(d: &'a Dependency, out: &mut Vec<&'a str>) {
        match d {
            Dependency::Rule(r) | Dependency::Ever(r) | Dependency::Never(r) => out.push(r),
            Dependency::Not(x) => names(x, out),
            Dependency::And(a, b) | Dependency::Or(a, b) => {
                names(a, out);
                names(b, out);
            }
            Dependency::FileIn(_) => {}
        }
    }
    if let Some(base) = &header.extends {
        if !st.rule_names.contains(base) && !st.has_includes {
            diags.error(
                st.file,
                span.clone(),
                format!("this rule extends `{base}`, which is not an earlier rule"),
            );
        }
    }
    let Some(dep) = &header.depends else { return };
    let mut used = Vec::new();
    names(dep, &mut used);
    for name in used {
        let known = st.rule_names.contains(name) || virtuals.iter().any(|v| v == name);
        if !known && !st.has_includes {
            diags.error_with_hint(
                st.file,
                span.clone(),
                format!(
                    "this rule depends on `{name}`, which is neither an earlier rule nor virtual"
                ),
                format!("declare it with `virtual {name}` or define the rule above this one"),
            );
        }
    }
}

/// `extends base`: the base rule's metavariables are inherited without being declared again
/// (those this rule declares itself win).
fn with_extended(own: Vec<MetavarDecl>, base: &str, st: &RuleState) -> Vec<MetavarDecl> {
    let Some(base_rule) = st.earlier.iter().rev().find(|r| r.name == base) else {
        return own;
    };
    let mut all: Vec<MetavarDecl> = base_rule
        .metavars
        .iter()
        .filter(|m| m.kind.is_metavariable())
        .filter(|m| !own.iter().any(|o| o.name.name == m.name.name))
        .map(|m| MetavarDecl {
            name: MetaName {
                rule: Some(base.to_string()),
                name: m.name.name.clone(),
            },
            ..m.clone()
        })
        .collect();
    all.extend(own);
    all
}

/// spatch refuses a rule with both `*` lines and `-`/`+` lines: a semantic match reports code,
/// a transformation changes it. (Across rules spatch allows it when dependencies keep the
/// two kinds apart, so that is not checked here.)
fn check_star_mix(body: &crate::RuleBody, file: usize, diags: &mut Diagnostics) {
    use crate::Mark;
    let star = body
        .tokens
        .iter()
        .find(|t| t.mark == Mark::Star)
        .map(|t| (t.file_offset, t.len));
    let minus = body
        .tokens
        .iter()
        .find(|t| t.mark == Mark::Minus)
        .map(|t| (t.file_offset, t.len));
    let plus = body
        .plus_tokens
        .iter()
        .find(|t| t.added)
        .map(|t| (t.file_offset, t.len));
    let change = match (minus, plus) {
        (Some(m), Some(p)) => Some(m.min(p)),
        (m, p) => m.or(p),
    };
    if let (Some(s), Some(c)) = (star, change) {
        let (at, len) = s.max(c);
        diags.error_with_hint(
            file,
            at..at + len,
            "`*` lines cannot be mixed with `-` and `+` lines in one rule",
            "a rule either reports matches (`*`) or changes code (`-`/`+`)",
        );
    }
}

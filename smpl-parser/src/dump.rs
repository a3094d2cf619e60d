//! The readable, normalised dump `rcocci --parse-cocci` prints: per rule its header,
//! metavariables, the pattern tree with each token's mark, metavariable and positions, the plus
//! tree, and where each run of added code goes.

use crate::body::{AnchorPlace, RuleBody};
use crate::define_pattern::{DefineName, DefineParam, DefinePattern};
use crate::model::*;
use crate::slices::Mark;
use c_parser::{SyntaxKind, SyntaxNode};
use std::fmt::Write;

pub fn dump_rule_file(rf: &RuleFile) -> String {
    let mut out = String::new();
    if !rf.virtuals.is_empty() {
        let _ = writeln!(out, "virtual {}", rf.virtuals.join(", "));
    }
    for inc in &rf.includes {
        let _ = writeln!(out, "include \"{}\"", inc.path);
    }
    for iso in &rf.isos {
        let _ = writeln!(out, "using \"{iso}\"");
    }
    for opt in &rf.spatch_options {
        let _ = writeln!(out, "spatch option: {opt}");
    }
    for rule in &rf.rules {
        if !out.is_empty() {
            out.push('\n');
        }
        dump_rule(&mut out, rf, rule);
    }
    out
}

fn dump_rule(out: &mut String, rf: &RuleFile, rule: &Rule) {
    let (line, _) = rf.line_col(rule, rule.span.start);
    let file = match rf.sources.get(rule.source) {
        Some(s) if rule.source > 0 => format!(" in {}", s.path.display()),
        _ => String::new(),
    };
    let kind = match &rule.header.kind {
        HeaderKind::Code => "rule".to_string(),
        HeaderKind::Script { phase, language } => {
            let p = match phase {
                ScriptPhase::Script => "script",
                ScriptPhase::Initialize => "initialize",
                ScriptPhase::Finalize => "finalize",
            };
            format!("{p}:{language}")
        }
    };
    let _ = writeln!(out, "{kind} {} (line {line}{file})", rule.name);
    let h = &rule.header;
    if let Some(e) = &h.extends {
        let _ = writeln!(out, "  extends {e}");
    }
    if let Some(d) = &h.depends {
        let scope = match h.depends_scope {
            Some(Quantifier::Exists) => "exists ",
            Some(Quantifier::Forall) => "forall ",
            None => "",
        };
        let _ = writeln!(out, "  depends on {scope}{}", dependency(d));
    }
    if !h.isos.is_empty() {
        let isos: Vec<String> = h.isos.iter().map(|i| format!("\"{i}\"")).collect();
        let _ = writeln!(out, "  using {}", isos.join(", "));
    }
    if !h.disabled_isos.is_empty() {
        let _ = writeln!(out, "  disable {}", h.disabled_isos.join(", "));
    }
    match h.quantifier {
        Some(Quantifier::Exists) => out.push_str("  exists\n"),
        Some(Quantifier::Forall) => out.push_str("  forall\n"),
        None => {}
    }
    if let Some(k) = h.rule_kind {
        let _ = writeln!(out, "  kind {}", format!("{k:?}").to_lowercase());
    }
    if !rule.metavars.is_empty() {
        out.push_str("  metavariables:\n");
        for m in &rule.metavars {
            let _ = writeln!(out, "    {}", metavar(m));
        }
    }
    match &rule.content {
        RuleContent::Script(s) => {
            if !s.bindings.is_empty() {
                out.push_str("  bindings:\n");
                for b in &s.bindings {
                    let _ = writeln!(out, "    {}", binding(b));
                }
            }
            out.push_str("  code:\n");
            for l in s.code.trim_end().lines() {
                let _ = writeln!(out, "    | {l}");
            }
        }
        RuleContent::Code(body) => dump_body(out, rule, body),
    }
}

fn dependency(d: &Dependency) -> String {
    match d {
        Dependency::Rule(r) => r.clone(),
        Dependency::Not(x) => format!("!{}", dependency(x)),
        Dependency::Ever(r) => format!("ever {r}"),
        Dependency::Never(r) => format!("never {r}"),
        Dependency::And(a, b) => format!("({} && {})", dependency(a), dependency(b)),
        Dependency::Or(a, b) => format!("({} || {})", dependency(a), dependency(b)),
        Dependency::FileIn(f) => format!("file in \"{f}\""),
    }
}

fn metavar(m: &MetavarDecl) -> String {
    let mut s = format!("{} {}", m.kind.describe(), m.name);
    if let MetavarKind::FreshIdentifier(Some(seed)) = &m.kind {
        match seed {
            FreshSeed::Concat(parts) => {
                let parts: Vec<String> = parts
                    .iter()
                    .map(|p| match p {
                        SeedPart::Str(s) => format!("\"{s}\""),
                        SeedPart::Meta(n) => n.to_string(),
                    })
                    .collect();
                let _ = write!(s, " = {}", parts.join(" ## "));
            }
            FreshSeed::Script(sc) => {
                let _ = write!(s, " = {}", script(sc));
            }
        }
    }
    for c in &m.constraints {
        let _ = write!(s, " {}", constraint(c));
    }
    if m.implied {
        s.push_str(" (implied by another declaration)");
    }
    s
}

fn script(sc: &ScriptConstraint) -> String {
    let params: Vec<String> = sc.params.iter().map(|p| p.to_string()).collect();
    format!(
        "script:{}({}) {{ {} }}",
        sc.language,
        params.join(", "),
        sc.code
    )
}

fn constraint(c: &Constraint) -> String {
    match c {
        Constraint::Regex {
            negated, pattern, ..
        } => {
            format!("{} \"{pattern}\"", if *negated { "!~" } else { "=~" })
        }
        Constraint::Compare { negated, values } => {
            let op = if *negated { "!=" } else { "=" };
            if values.len() == 1 {
                format!("{op} {}", values[0])
            } else {
                format!("{op} {{{}}}", values.join(", "))
            }
        }
        Constraint::SubTermOf(values) => format!("<= {{{}}}", values.join(", ")),
        Constraint::Script(sc) => format!(": {}", script(sc)),
        Constraint::Any(alts) => {
            let alts: Vec<String> = alts.iter().map(constraint).collect();
            format!("({})", alts.join(" || "))
        }
    }
}

fn binding(b: &ScriptBinding) -> String {
    let locals = if b.locals.len() == 1 {
        b.locals[0].clone()
    } else {
        format!("({})", b.locals.join(", "))
    };
    match (&b.source, &b.default) {
        (Some(src), Some(d)) => format!("{locals} << {src} = {d}"),
        (Some(src), None) => format!("{locals} << {src}"),
        (None, _) => format!("{locals} (output)"),
    }
}

/// A `#define` pattern's header, metavariables as `name[identifier]`.
fn define_header(rule: &Rule, define: &DefinePattern) -> String {
    let metavar = |i: usize| {
        rule.metavars.get(i).map_or(String::new(), |m| {
            format!("{}[{}]", m.name.name, m.kind.describe())
        })
    };
    let name = match &define.name {
        DefineName::Name(n) => n.clone(),
        DefineName::Metavar(i) => metavar(*i),
    };
    let Some(params) = &define.params else {
        return name;
    };
    let params: Vec<String> = params
        .iter()
        .map(|p| match p {
            DefineParam::Dots => "...".to_string(),
            // C's variadic `...`, spelled as in SmPL.
            DefineParam::Name(n) if n == "..." => "......".to_string(),
            DefineParam::Name(n) => n.clone(),
            DefineParam::Metavar(i) => metavar(*i),
        })
        .collect();
    format!("{name}({})", params.join(", "))
}

fn dump_body(out: &mut String, rule: &Rule, body: &RuleBody) {
    if body.is_semantic_match {
        out.push_str("  semantic match (*)\n");
    }
    if let Some(define) = &body.define {
        let _ = writeln!(out, "  #define pattern: {}", define_header(rule, define));
    }
    out.push_str("  pattern:\n");
    dump_tree(out, &body.minus.tree(), 2, &|offset| {
        let Some(t) = body.token_at(offset) else {
            return String::new();
        };
        let mut note = String::new();
        match t.mark {
            Mark::Minus => note.push_str(" -"),
            Mark::Star => note.push_str(" *"),
            _ => {}
        }
        if t.optional {
            note.push_str(" ?");
        }
        if let Some(m) = t.metavar.and_then(|i| rule.metavars.get(i)) {
            let _ = write!(note, " [{}]", m.kind.describe());
        }
        for a in t.attached.iter().filter_map(|i| rule.metavars.get(*i)) {
            let _ = write!(note, " @{}", a.name.name);
        }
        note
    });
    if body.plus_runs.is_empty() {
        return;
    }
    out.push_str("  plus:\n");
    dump_tree(out, &body.plus.tree(), 2, &|offset| {
        let Ok(i) = body.plus_tokens.binary_search_by_key(&offset, |t| t.offset) else {
            return String::new();
        };
        let t = &body.plus_tokens[i];
        let mut note = String::new();
        if t.added {
            note.push_str(" +");
        }
        if let Some(m) = t.metavar.and_then(|i| rule.metavars.get(i)) {
            let _ = write!(note, " [{}]", m.kind.describe());
        }
        note
    });
    out.push_str("  additions:\n");
    for run in &body.plus_runs {
        let text = normalise(&body.plus.text[run.range.clone()]);
        let tok = |i: usize| {
            body.tokens.get(i).map_or("?".to_string(), |t| {
                let text = normalise(&body.minus.text[t.offset..t.offset + t.len]);
                format!("`{text}`")
            })
        };
        let place = match run.place {
            AnchorPlace::Replace { first, last } if first == last => {
                format!("replaces {}", tok(first))
            }
            AnchorPlace::Replace { first, last } => {
                format!("replaces {} .. {}", tok(first), tok(last))
            }
            AnchorPlace::Before(i) => format!("before {}", tok(i)),
            AnchorPlace::After(i) => format!("after {}", tok(i)),
            AnchorPlace::Alone => "alone".to_string(),
        };
        let _ = writeln!(out, "    `{text}` {place}");
    }
}

/// Collapses the marker columns and whitespace of a multi-line text onto one line.
fn normalise(text: &str) -> String {
    let mut out = String::new();
    for line in text.lines() {
        let line = line
            .strip_prefix("++")
            .or_else(|| line.strip_prefix(['+', '-', '*']))
            .unwrap_or(line);
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(line);
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn dump_tree(out: &mut String, node: &SyntaxNode, depth: usize, note: &dyn Fn(usize) -> String) {
    let _ = writeln!(out, "{}{:?}", "  ".repeat(depth), node.kind());
    for child in node.children_with_tokens() {
        match child {
            c_parser::SyntaxElement::Node(n) => dump_tree(out, &n, depth + 1, note),
            c_parser::SyntaxElement::Token(t) => {
                let k = t.kind();
                if k.is_trivia() && k != SyntaxKind::DIRECTIVE {
                    continue;
                }
                let offset = usize::from(t.text_range().start());
                let pad = "  ".repeat(depth + 1);
                let _ = writeln!(out, "{pad}{k:?} {:?}{}", t.text(), note(offset));
            }
        }
    }
}

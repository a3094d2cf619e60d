//! Machine-readable output: JSON Lines (schema `rcocci/1`, see docs/design/cli.md), SARIF
//! 2.1.0, and GitHub Actions workflow commands.

use crate::driver::{FileOutcome, RuleMatch};
use serde_json::{json, Value};

/// The version of the JSON output's schema; bumped on any incompatible change.
pub const JSON_SCHEMA: &str = "rcocci/1";

/// One hunk of a unified diff: where it starts in the old text, and its text (header line
/// included).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hunk {
    pub old_start: usize,
    pub old_lines: usize,
    pub new_start: usize,
    pub new_lines: usize,
    pub text: String,
}

/// The hunks of a unified diff (the `---`/`+++` header is dropped).
pub fn hunks(diff: &str) -> Vec<Hunk> {
    let mut hunks: Vec<Hunk> = Vec::new();
    for line in diff.split_inclusive('\n') {
        if let Some(header) = line.strip_prefix("@@ -") {
            let mut numbers = header
                .split(" @@")
                .next()
                .unwrap_or("")
                .split(' ')
                .map(|r| r.trim_start_matches('+'))
                .map(|r| {
                    let (start, len) = r.split_once(',').unwrap_or((r, "1"));
                    (start.parse().unwrap_or(0), len.parse().unwrap_or(1))
                });
            let (old_start, old_lines) = numbers.next().unwrap_or((0, 0));
            let (new_start, new_lines) = numbers.next().unwrap_or((0, 0));
            hunks.push(Hunk {
                old_start,
                old_lines,
                new_start,
                new_lines,
                text: line.to_string(),
            });
        } else if let Some(h) = hunks.last_mut() {
            h.text.push_str(line);
        }
    }
    hunks
}

/// The file name as output formats give it (lossy for names that are not UTF-8).
pub fn file_name(outcome: &FileOutcome) -> String {
    outcome.path.to_string_lossy().into_owned()
}

fn position(p: (usize, usize)) -> Value {
    json!({ "line": p.0, "column": p.1 })
}

/// A match as a JSON Lines object.
pub fn json_match(file: &str, m: &RuleMatch) -> Value {
    json!({
        "schema": JSON_SCHEMA,
        "kind": "match",
        "file": file,
        "rule": m.rule,
        "start": position(m.start),
        "end": position(m.end),
        "changed": m.changed,
    })
}

/// The rules whose changing matches start within a hunk's old lines; all the file's
/// changing rules if none does (a later rule's match is located in the text it saw).
fn hunk_rules(hunk: &Hunk, matches: &[RuleMatch]) -> Vec<String> {
    let end = hunk.old_start + hunk.old_lines.max(1);
    let mut rules: Vec<String> = Vec::new();
    let changing = matches.iter().filter(|m| m.changed);
    for m in changing.clone() {
        if (hunk.old_start..end).contains(&m.start.0) && !rules.contains(&m.rule) {
            rules.push(m.rule.clone());
        }
    }
    if rules.is_empty() {
        for m in changing {
            if !rules.contains(&m.rule) {
                rules.push(m.rule.clone());
            }
        }
    }
    rules
}

/// A changed hunk as a JSON Lines object.
pub fn json_change(file: &str, hunk: &Hunk, matches: &[RuleMatch]) -> Value {
    json!({
        "schema": JSON_SCHEMA,
        "kind": "change",
        "file": file,
        "rules": hunk_rules(hunk, matches),
        "old": { "start": hunk.old_start, "lines": hunk.old_lines },
        "new": { "start": hunk.new_start, "lines": hunk.new_lines },
        "hunk": hunk.text,
    })
}

/// A region of a file that did not parse (and is left as it is), as a JSON Lines object.
pub fn json_unparsed(file: &str, line: usize) -> Value {
    json!({ "schema": JSON_SCHEMA, "kind": "unparsed", "file": file, "line": line })
}

/// A file the run could not process or write, as a JSON Lines object.
pub fn json_error(file: &str, message: &str) -> Value {
    json!({ "schema": JSON_SCHEMA, "kind": "error", "file": file, "message": message })
}

/// The SARIF 2.1.0 log of a run: one result per match, with the diff hunk as a fix
/// description for matches that change code.
/// One line a script rule printed: a report (`coccilib.report.print_report` prints
/// `FILE:LINE:COL-COLEND: MESSAGE`, columns from 0) or any other text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ScriptLine<'a> {
    Report(Report<'a>),
    Text(&'a str),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Report<'a> {
    pub file: &'a str,
    pub line: usize,
    pub column: usize,
    pub column_end: usize,
    pub message: &'a str,
}

/// The lines of what scripts printed.
pub fn script_lines(text: &str) -> impl Iterator<Item = ScriptLine<'_>> {
    text.lines()
        .map(|l| report_line(l).unwrap_or(ScriptLine::Text(l)))
}

fn report_line(l: &str) -> Option<ScriptLine<'_>> {
    // The first `:LINE:COL-END: ` after the file name (which may itself hold colons).
    l.match_indices(':').find_map(|(at, _)| {
        let (numbers, message) = l[at + 1..].split_once(": ")?;
        let (line, columns) = numbers.split_once(':')?;
        let (column, column_end) = columns.split_once('-')?;
        Some(ScriptLine::Report(Report {
            file: l.get(..at).filter(|f| !f.is_empty())?,
            line: line.parse().ok()?,
            column: column.parse().ok()?,
            column_end: column_end.parse().ok()?,
            message,
        }))
    })
}

/// A script line as a JSON Lines object: `report` or `script_output`.
pub fn json_script_line(l: &ScriptLine) -> Value {
    match l {
        ScriptLine::Report(r) => json!({
            "schema": JSON_SCHEMA, "kind": "report", "file": r.file,
            "start": { "line": r.line, "column": r.column + 1 },
            "end": { "line": r.line, "column": r.column_end + 1 },
            "message": r.message,
        }),
        ScriptLine::Text(text) => {
            json!({ "schema": JSON_SCHEMA, "kind": "script_output", "text": text })
        }
    }
}

/// A script line as a GitHub workflow command.
pub fn github_script_line(l: &ScriptLine) -> String {
    match l {
        ScriptLine::Report(r) => format!(
            "::warning file={},line={},col={},endColumn={},title=rcocci report::{}",
            escape_property(r.file),
            r.line,
            r.column + 1,
            r.column_end + 1,
            escape_data(r.message)
        ),
        ScriptLine::Text(text) => format!("::notice title=rcocci script::{}", escape_data(text)),
    }
}

/// The rule id SARIF results of script reports carry: which script printed one is not known.
const REPORT_RULE: &str = "script-report";

pub struct SarifLog {
    rules: Vec<String>,
    results: Vec<Value>,
    /// What is not a result: script output that is not a report, unparsed regions, errors.
    notifications: Vec<Value>,
    failed: bool,
}

impl SarifLog {
    pub fn new(rule_names: &[String]) -> Self {
        SarifLog {
            rules: rule_names.to_vec(),
            results: Vec::new(),
            notifications: Vec::new(),
            failed: false,
        }
    }

    fn rule_index(&mut self, rule: &str) -> usize {
        match self.rules.iter().position(|r| r == rule) {
            Some(i) => i,
            None => {
                self.rules.push(rule.to_string());
                self.rules.len() - 1
            }
        }
    }

    pub fn add(&mut self, file: &str, m: &RuleMatch) {
        let index = self.rule_index(&m.rule);
        let text = if m.changed {
            format!("rule {} matches here and changes the code", m.rule)
        } else {
            format!("rule {} matches here", m.rule)
        };
        self.results.push(json!({
            "ruleId": m.rule,
            "ruleIndex": index,
            "level": if m.changed { "warning" } else { "note" },
            "message": { "text": text },
            "locations": [{
                "physicalLocation": {
                    "artifactLocation": { "uri": uri(file) },
                    "region": {
                        "startLine": m.start.0,
                        "startColumn": m.start.1,
                        "endLine": m.end.0,
                        "endColumn": m.end.1,
                    }
                }
            }],
        }));
    }

    /// A report becomes a result of its own; other script output a notification.
    pub fn add_script_line(&mut self, l: &ScriptLine) {
        match l {
            ScriptLine::Report(r) => {
                let index = self.rule_index(REPORT_RULE);
                let columns = Some((r.column + 1, r.column_end + 1));
                self.results.push(json!({
                    "ruleId": REPORT_RULE,
                    "ruleIndex": index,
                    "level": "warning",
                    "message": { "text": r.message },
                    "locations": [location(r.file, r.line, columns)],
                }));
            }
            ScriptLine::Text(text) => self.notifications.push(json!({
                "level": "note",
                "message": { "text": text },
            })),
        }
    }

    /// A region of `file` that did not parse, left as it is.
    pub fn add_unparsed(&mut self, file: &str, line: usize) {
        self.notifications.push(json!({
            "level": "warning",
            "message": { "text": "this region does not parse; it is left as it is" },
            "locations": [location(file, line, None)],
        }));
    }

    /// A file that could not be processed.
    pub fn add_error(&mut self, file: &str, message: &str) {
        self.failed = true;
        self.notifications.push(json!({
            "level": "error",
            "message": { "text": message },
            "locations": [location(file, 1, None)],
        }));
    }

    pub fn to_json(&self) -> Value {
        let rules: Vec<Value> = self
            .rules
            .iter()
            .map(|r| {
                let text = if r == REPORT_RULE {
                    "a message a script rule printed (coccilib.report)".to_string()
                } else {
                    format!("semantic patch rule {r}")
                };
                json!({ "id": r, "shortDescription": { "text": text } })
            })
            .collect();
        json!({
            "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
            "version": "2.1.0",
            "runs": [{
                "tool": { "driver": {
                    "name": "rcocci",
                    "version": env!("CARGO_PKG_VERSION"),
                    "rules": rules,
                }},
                "columnKind": "unicodeCodePoints",
                "invocations": [{
                    "executionSuccessful": !self.failed,
                    "toolExecutionNotifications": self.notifications,
                }],
                "results": self.results,
            }],
        })
    }
}

/// A SARIF location: a line of `file`, with a column range when known (1-based).
fn location(file: &str, line: usize, columns: Option<(usize, usize)>) -> Value {
    let mut region = json!({ "startLine": line.max(1) });
    if let Some((start, end)) = columns {
        region["startColumn"] = json!(start);
        region["endColumn"] = json!(end.max(start));
    }
    json!({
        "physicalLocation": {
            "artifactLocation": { "uri": uri(file) },
            "region": region,
        }
    })
}

/// A relative file name as a URI reference: every byte outside the unreserved set and `/`
/// percent-encoded.
pub fn uri(file: &str) -> String {
    let file = file.strip_prefix("./").unwrap_or(file);
    let mut out = String::new();
    for &b in file.as_bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// A GitHub Actions annotation for a match (`::warning file=...::message`).
pub fn github_annotation(file: &str, m: &RuleMatch) -> String {
    let level = if m.changed { "warning" } else { "notice" };
    let message = if m.changed {
        format!("rule {} changes this code", m.rule)
    } else {
        format!("rule {} matches here", m.rule)
    };
    format!(
        "::{level} file={},line={},col={},endLine={},endColumn={},title={}::{}",
        escape_property(file),
        m.start.0,
        m.start.1,
        m.end.0,
        m.end.1,
        escape_property(&format!("rcocci {}", m.rule)),
        escape_data(&message)
    )
}

/// A GitHub annotation for a file that could not be processed.
pub fn github_error(file: &str, message: &str) -> String {
    format!(
        "::error file={}::{}",
        escape_property(file),
        escape_data(message)
    )
}

fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    const DIFF: &str =
        "--- a/x.c\n+++ b/x.c\n@@ -3,6 +3,6 @@ f\n a\n-b\n+c\n@@ -20 +20 @@\n-d\n+e\n";

    #[test]
    fn script_reports_are_told_from_other_output() {
        let printed = "llite/dir.c:42:8-15: ERROR: reference preceded by free on line 40\n\
                       * TODO [[view:a.c::face=ovl-face1::linb=3]]\n\
                       C:\\x:1:2: not a report\n";
        let lines: Vec<ScriptLine> = script_lines(printed).collect();
        assert_eq!(
            lines[0],
            ScriptLine::Report(Report {
                file: "llite/dir.c",
                line: 42,
                column: 8,
                column_end: 15,
                message: "ERROR: reference preceded by free on line 40",
            })
        );
        assert!(matches!(lines[1], ScriptLine::Text(t) if t.starts_with("* TODO")));
        assert!(matches!(lines[2], ScriptLine::Text(_)));
        let json = json_script_line(&lines[0]);
        assert_eq!(json["kind"], "report");
        assert_eq!(json["start"]["column"], 9);
    }

    #[test]
    fn splits_hunks() {
        let h = hunks(DIFF);
        assert_eq!(h.len(), 2);
        assert_eq!((h[0].old_start, h[0].old_lines, h[0].new_start), (3, 6, 3));
        assert_eq!(h[0].text, "@@ -3,6 +3,6 @@ f\n a\n-b\n+c\n");
        assert_eq!((h[1].old_start, h[1].old_lines), (20, 1));
    }

    #[test]
    fn annotations_escape_their_fields() {
        let m = RuleMatch {
            rule: "r".into(),
            start: (2, 3),
            end: (2, 9),
            changed: true,
        };
        assert_eq!(
            github_annotation("dir,a:b.c", &m),
            "::warning file=dir%2Ca%3Ab.c,line=2,col=3,endLine=2,endColumn=9,title=rcocci r::rule r changes this code"
        );
    }

    #[test]
    fn uris_are_percent_encoded() {
        assert_eq!(uri("./a b/c%.c"), "a%20b/c%25.c");
    }
}

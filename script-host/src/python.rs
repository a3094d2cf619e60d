//! Python scripts: a `python3` child process running `driver.py`, spoken to in JSON lines.

use crate::lines::{LineError, Lines};
use crate::{
    interpreter_program, EvalOutcome, ExecOutcome, Input, Language, Location, Script, ScriptError,
    Session, Value,
};
use serde_json::{json, Value as Json};
use std::io::Write;
use std::process::{Child, ChildStdin, Command, Stdio};

const DRIVER: &str = include_str!("driver.py");

pub(crate) struct PythonSession {
    child: Child,
    /// `None` once closed (on drop).
    requests: Option<ChildStdin>,
    replies: Lines,
}

impl PythonSession {
    pub(crate) fn start() -> Result<PythonSession, ScriptError> {
        let python = interpreter_program(Language::Python);
        let mut child = Command::new(&python)
            .arg("-c")
            .arg(DRIVER)
            .env("PYTHONUTF8", "1")
            .env("PYTHONDONTWRITEBYTECODE", "1")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .map_err(|e| ScriptError::Missing {
                language: Language::Python,
                program: python.clone(),
                detail: e.to_string(),
            })?;
        let (Some(requests), Some(replies)) = (child.stdin.take(), child.stdout.take()) else {
            return Err(host_error("no pipes to the interpreter"));
        };
        let mut session = PythonSession {
            child,
            requests: Some(requests),
            replies: Lines::new(replies),
        };
        // A `python3` that is Python 2, or that dies at once, is found here, not at the
        // first rule.
        let hello = session.request(&json!({"op": "eval", "code": "1", "want": "str"}));
        match hello {
            Ok(reply) if reply["ok"] == Json::Bool(true) => Ok(session),
            _ => Err(ScriptError::Missing {
                language: Language::Python,
                program: python,
                detail: "it does not run rcocci's Python 3 script host".into(),
            }),
        }
    }

    fn request(&mut self, request: &Json) -> Result<Json, ScriptError> {
        let mut line = request.to_string();
        line.push('\n');
        let Some(requests) = self.requests.as_mut() else {
            return Err(host_error("the interpreter was stopped"));
        };
        requests
            .write_all(line.as_bytes())
            .and_then(|_| requests.flush())
            .map_err(|e| host_error(&format!("cannot send a request: {e}")))?;
        match self.replies.next() {
            Ok(reply) => serde_json::from_str(&reply)
                .map_err(|e| host_error(&format!("unreadable reply ({e}): {reply}"))),
            Err(LineError::Closed) => Err(host_error("the interpreter exited")),
            Err(LineError::Io(e)) => Err(host_error(&format!("cannot read a reply: {e}"))),
            Err(LineError::TimedOut) => {
                drop(self.requests.take());
                let _ = self.child.kill();
                let _ = self.child.wait();
                Err(ScriptError::TimedOut {
                    language: Language::Python,
                })
            }
        }
    }

    /// Sends a request about `script`; the reply, once the script did not fail.
    fn run(
        &mut self,
        script: &Script<'_>,
        mut request: Json,
        inputs: &[Input],
    ) -> Result<(Json, String), ScriptError> {
        // Blank lines before the code put Python's line numbers on the rule file's lines.
        let code = format!(
            "{}{}",
            "\n".repeat(script.line.saturating_sub(1)),
            crate::without_smpl_comments(script.code)
        );
        request["code"] = Json::String(code);
        request["file"] = Json::String(script.file.display().to_string());
        request["c_file"] = Json::String(script.c_file.to_string());
        request["inputs"] = Json::Array(inputs.iter().map(input_json).collect());
        let reply = self.request(&request)?;
        let stdout = reply["stdout"].as_str().unwrap_or("").to_string();
        if reply["ok"] != Json::Bool(true) {
            return Err(ScriptError::Failed {
                rule: script.rule.to_string(),
                message: format!(
                    "{stdout}{}",
                    reply["error"].as_str().unwrap_or("unknown error")
                ),
            });
        }
        Ok((reply, stdout))
    }
}

fn host_error(message: &str) -> ScriptError {
    ScriptError::Host {
        language: Language::Python,
        message: message.to_string(),
    }
}

fn location_json(l: &Location) -> Json {
    json!({
        "file": l.file,
        "current_element": l.current_element,
        "current_element_line": l.current_element_line,
        "current_element_column": l.current_element_column,
        "current_element_line_end": l.current_element_line_end,
        "current_element_column_end": l.current_element_column_end,
        "line": l.line,
        "column": l.column,
        "line_end": l.line_end,
        "column_end": l.column_end,
    })
}

fn input_json(input: &Input) -> Json {
    let mut item = json!({ "name": input.name });
    match &input.value {
        Value::Code(code) | Value::Parameters { code, .. } => item["code"] = json!(code),
        Value::Positions(ps) => {
            item["positions"] = Json::Array(ps.iter().map(location_json).collect())
        }
        Value::List(xs) => item["list"] = json!(xs),
        // spatch gives Python a length as its text, and OCaml a number.
        Value::Integer(n) => item["code"] = json!(n.to_string()),
        Value::Merge(name) => item["merge"] = json!(name),
    }
    item
}

/// The passes of an `iterations` reply.
pub(crate) fn iterations_of(reply: &Json) -> Vec<crate::Iteration> {
    let strings = |v: &Json| -> Vec<String> {
        v.as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|x| x.as_str().map(str::to_string))
                    .collect()
            })
            .unwrap_or_default()
    };
    let empty = Vec::new();
    reply["iterations"]
        .as_array()
        .unwrap_or(&empty)
        .iter()
        .map(|it| crate::Iteration {
            files: it["files"].as_array().map(|_| strings(&it["files"])),
            virtual_rules: strings(&it["rules"]),
            virtual_identifiers: it["identifiers"]
                .as_array()
                .unwrap_or(&empty)
                .iter()
                .filter_map(|p| Some((p[0].as_str()?.to_string(), p[1].as_str()?.to_string())))
                .collect(),
            extend_virtual_identifiers: it["extend"] == Json::Bool(true),
        })
        .collect()
}

impl Session for PythonSession {
    fn take_iterations(&mut self) -> Result<Vec<crate::Iteration>, ScriptError> {
        let reply = self.request(&json!({"op": "iterations"}))?;
        Ok(iterations_of(&reply))
    }

    fn declare_virtual_names(&mut self, names: &[&str]) -> Result<(), ScriptError> {
        // Python scripts name virtual rules and identifiers bare, as strings
        // (`it.add_virtual_rule(after_start)`).
        let code: String = names.iter().map(|n| format!("{n} = \"{n}\"\n")).collect();
        let script = Script {
            rule: "virtual",
            file: std::path::Path::new("<virtual names>"),
            line: 1,
            code: &code,
            c_file: "",
        };
        self.exec(&script, &[], &[]).map(|_| ())
    }

    fn exec(
        &mut self,
        script: &Script<'_>,
        inputs: &[Input],
        outputs: &[String],
    ) -> Result<ExecOutcome, ScriptError> {
        let request = json!({"op": "exec", "outputs": outputs});
        let (reply, stdout) = self.run(script, request, inputs)?;
        Ok(crate::reply::exec_outcome(&reply, outputs, stdout))
    }

    fn eval_bool(
        &mut self,
        script: &Script<'_>,
        inputs: &[Input],
    ) -> Result<EvalOutcome<bool>, ScriptError> {
        let (reply, stdout) = self.run(script, json!({"op": "eval", "want": "bool"}), inputs)?;
        Ok(crate::reply::bool_outcome(&reply, stdout))
    }

    fn eval_string(
        &mut self,
        script: &Script<'_>,
        inputs: &[Input],
    ) -> Result<EvalOutcome<String>, ScriptError> {
        let (reply, stdout) = self.run(script, json!({"op": "eval", "want": "str"}), inputs)?;
        Ok(crate::reply::string_outcome(&reply, stdout))
    }
}

impl Drop for PythonSession {
    fn drop(&mut self) {
        drop(self.requests.take());
        crate::end_child(&mut self.child);
    }
}

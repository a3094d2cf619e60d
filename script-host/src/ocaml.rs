//! OCaml scripts: a persistent `ocaml` toplevel child process with `host.ml` loaded. Each
//! request is written to a file (the script, its inputs bound before it, its out-bindings
//! reported after it) that the toplevel loads; the reply follows the script's own output
//! on the toplevel's stdout, as one line starting with `\x01RCOCCI `.

use crate::lines::{LineError, Lines};
use crate::{
    interpreter_program, EvalOutcome, ExecOutcome, Input, Language, Location, Script, ScriptError,
    Session, Value,
};
use serde_json::Value as Json;
use std::fmt::Write as _;
use std::io::Write;
use std::path::PathBuf;
use std::process::{Child, ChildStdin, Command, Stdio};

const HOST: &str = include_str!("host.ml");
const REPLY: &str = "\u{1}RCOCCI ";
const READY: &str = "\u{1}RCOCCI-READY";

pub(crate) struct OcamlSession {
    child: Child,
    /// `None` once closed (on drop).
    requests: Option<ChildStdin>,
    replies: Lines,
    /// Where request files are written (removed on drop).
    dir: PathBuf,
}

fn host_error(message: &str) -> ScriptError {
    ScriptError::Host {
        language: Language::OCaml,
        message: message.to_string(),
    }
}

/// A private directory for the request files of this process's toplevel.
fn request_dir() -> Result<PathBuf, ScriptError> {
    use std::sync::atomic::{AtomicUsize, Ordering};
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    let n = NEXT.fetch_add(1, Ordering::Relaxed);
    let dir = std::env::temp_dir().join(format!("rcocci-ocaml-{}-{n}", std::process::id()));
    std::fs::create_dir_all(&dir)
        .map_err(|e| host_error(&format!("cannot create {}: {e}", dir.display())))?;
    Ok(dir)
}

impl OcamlSession {
    pub(crate) fn start() -> Result<OcamlSession, ScriptError> {
        let ocaml = interpreter_program(Language::OCaml);
        let mut child = Command::new(&ocaml)
            .args(["-noprompt", "-nopromptcont", "-no-version", "-noinit"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .map_err(|e| ScriptError::Missing {
                language: Language::OCaml,
                program: ocaml.clone(),
                detail: e.to_string(),
            })?;
        let (Some(requests), Some(replies)) = (child.stdin.take(), child.stdout.take()) else {
            return Err(host_error("no pipes to the toplevel"));
        };
        let dir = request_dir()?;
        let mut session = OcamlSession {
            child,
            requests: Some(requests),
            replies: Lines::new(replies),
            dir,
        };
        let host = session.dir.join("rcocci_host.ml");
        std::fs::write(&host, HOST)
            .map_err(|e| host_error(&format!("cannot write {}: {e}", host.display())))?;
        let load = format!(
            "#directory \"+compiler-libs\";;\n\
             #load \"str.cma\";;\n#load \"unix.cma\";;\n\
             let () = if not (Toploop.use_silently Format.err_formatter {}) then exit 3;;\n\
             let () = print_string \"\\n{}\\n\"; flush stdout;;\n",
            ocaml_string(&host.display().to_string()),
            READY.replace('\u{1}', "\\001")
        );
        session.send(&load)?;
        match session.read_until(READY) {
            Ok(_) => Ok(session),
            Err(_) => Err(ScriptError::Missing {
                language: Language::OCaml,
                program: ocaml,
                detail: "it cannot load rcocci's OCaml script host (the toplevel needs \
                         compiler-libs)"
                    .into(),
            }),
        }
    }

    fn send(&mut self, phrases: &str) -> Result<(), ScriptError> {
        let Some(requests) = self.requests.as_mut() else {
            return Err(host_error("the toplevel was stopped"));
        };
        requests
            .write_all(phrases.as_bytes())
            .and_then(|_| requests.flush())
            .map_err(|e| host_error(&format!("cannot send a request: {e}")))
    }

    /// The lines before the one starting with `marker` (what scripts printed), and the
    /// rest of that line.
    fn read_until(&mut self, marker: &str) -> Result<(String, String), ScriptError> {
        let mut printed = String::new();
        loop {
            let line = match self.replies.next() {
                Ok(line) => line,
                Err(LineError::Closed) => return Err(host_error("the toplevel exited")),
                Err(LineError::Io(e)) => {
                    return Err(host_error(&format!("cannot read a reply: {e}")))
                }
                Err(LineError::TimedOut) => {
                    drop(self.requests.take());
                    let _ = self.child.kill();
                    let _ = self.child.wait();
                    return Err(ScriptError::TimedOut {
                        language: Language::OCaml,
                    });
                }
            };
            if let Some(rest) = line.strip_prefix(marker) {
                // The reply starts on a line of its own: the newline put before it is not
                // the script's.
                if printed.ends_with('\n') {
                    printed.pop();
                }
                return Ok((printed, rest.trim_end().to_string()));
            }
            printed.push_str(&line);
        }
    }

    /// Loads a request file made of `preamble`, the script's code as `body` places it,
    /// and `epilogue`; the reply once the script did not fail.
    fn run(
        &mut self,
        script: &Script<'_>,
        inputs: &[Input],
        body: &str,
        epilogue: &str,
    ) -> Result<(Json, String), ScriptError> {
        let mut text = format!(
            "open Coccilib;;\nlet () = Coccilib.current_files := {};;\n",
            match script.c_file {
                "" => "[]".to_string(),
                f => format!("[{}]", ocaml_string(f)),
            }
        );
        for input in inputs {
            let bound = match input.name.starts_with('(') {
                true => format!("({}, {})", value(&input.value), ast(&input.value)),
                false => value(&input.value),
            };
            let _ = writeln!(text, "let {} = {bound};;", input.name);
        }
        text.push_str(body);
        text.push_str(epilogue);
        let file = self.dir.join("request.ml");
        std::fs::write(&file, text)
            .map_err(|e| host_error(&format!("cannot write {}: {e}", file.display())))?;
        self.send(&format!(
            "let () = Rcocci_host.run {};;\n",
            ocaml_string(&file.display().to_string())
        ))?;
        let (stdout, reply) = self.read_until(REPLY)?;
        let reply: Json = serde_json::from_str(&reply)
            .map_err(|e| host_error(&format!("unreadable reply ({e}): {reply}")))?;
        if reply["ok"] != Json::Bool(true) {
            return Err(ScriptError::Failed {
                rule: script.rule.to_string(),
                message: format!("{stdout}{}", reply["error"].as_str().unwrap_or("")),
            });
        }
        Ok((reply, stdout))
    }
}

/// The script's code after a line directive, so that errors point into the rule file.
fn located(script: &Script<'_>) -> String {
    format!(
        "\n# {} {}\n{}\n",
        script.line,
        ocaml_string(&script.file.display().to_string()),
        crate::without_smpl_comments(script.code)
    )
}

/// An OCaml expression for a value.
fn value(v: &Value) -> String {
    match v {
        Value::Code(s) | Value::Parameters { code: s, .. } => ocaml_string(s),
        Value::List(items) => ocaml_string(&items.join(", ")),
        Value::Integer(n) => n.to_string(),
        Value::Merge(name) => format!("[{name}]"),
        Value::Positions(ps) => {
            let items: Vec<String> = ps.iter().map(position).collect();
            format!("[{}]", items.join("; "))
        }
    }
}

/// The second component of OCaml's `(text, ast) << r.x`: a parameter list as a list of
/// `Ast_c` parameters (the part of Coccinelle's C syntax tree the host defines), `()` for
/// what rcocci has no OCaml syntax tree of.
fn ast(v: &Value) -> String {
    let Value::Parameters { names, .. } = v else {
        return "()".to_string();
    };
    let parameters: Vec<String> = names
        .iter()
        .map(|name| {
            let name = match name {
                Some(n) => format!("Some (Ast_c.RegularName ({}, []))", ocaml_string(n)),
                None => "None".to_string(),
            };
            format!("({{Ast_c.p_namei = {name}}}, [])")
        })
        .collect();
    format!("[{}]", parameters.join("; "))
}

fn position(l: &Location) -> String {
    format!(
        "{{Coccilib.current_element = {}; current_element_line = {}; current_element_col = {}; \
         current_element_line_end = {}; current_element_col_end = {}; file = {}; line = {}; \
         col = {}; line_end = {}; col_end = {}}}",
        ocaml_string(&l.current_element),
        l.current_element_line,
        l.current_element_column,
        l.current_element_line_end,
        l.current_element_column_end,
        ocaml_string(&l.file),
        l.line,
        l.column,
        l.line_end,
        l.column_end
    )
}

/// An OCaml string literal.
fn ocaml_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 || c == '\u{7f}' => {
                let _ = write!(out, "\\{:03}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The OCaml declarations of the virtual names: spatch's scripts name them as constructors
/// (`it#add_virtual_rule After_start`), and the `iteration` class that takes them.
fn virtual_declarations(names: &[&str]) -> String {
    let constructors: Vec<(String, &str)> = names
        .iter()
        .filter(|n| n.starts_with(|c: char| c.is_ascii_alphabetic()))
        .map(|n| {
            let mut c = n.chars();
            let first = c.next().map(|f| f.to_ascii_uppercase()).unwrap_or('V');
            (format!("{first}{}", c.as_str()), *n)
        })
        .collect();
    let mut text = String::from("type virtual_name = |");
    for (c, _) in &constructors {
        let _ = write!(text, " {c} |");
    }
    if !constructors.is_empty() {
        text.pop();
    }
    text.push_str("\n;;\nlet string_of_virtual_name (v : virtual_name) = match v with");
    if constructors.is_empty() {
        text.push_str(" _ -> .");
    }
    for (c, n) in &constructors {
        let _ = write!(text, " | {c} -> {}", ocaml_string(n));
    }
    text.push_str(
        "\n;;\n\
         class iteration () = object\n\
         val mutable files : string list option = None\n\
         val mutable rules : string list = []\n\
         val mutable ids : (string * string) list = []\n\
         val mutable extend = false\n\
         method set_files (fs : string list) = files <- Some fs\n\
         method add_virtual_rule (r : virtual_name) = rules <- rules @ [string_of_virtual_name r]\n\
         method add_virtual_identifier (r : virtual_name) (v : string) =\n\
           ids <- ids @ [(string_of_virtual_name r, v)]\n\
         method extend_virtual_identifiers () = extend <- true\n\
         method register () =\n\
           Rcocci_host.pending := (files, rules, ids, extend) :: !Rcocci_host.pending\n\
         end\n;;\n",
    );
    text
}

impl Session for OcamlSession {
    fn take_iterations(&mut self) -> Result<Vec<crate::Iteration>, ScriptError> {
        self.send("let () = Rcocci_host.print_iterations ();;\n")?;
        let (_, reply) = self.read_until(REPLY)?;
        let reply: Json = serde_json::from_str(&reply)
            .map_err(|e| host_error(&format!("unreadable reply ({e}): {reply}")))?;
        Ok(crate::python::iterations_of(&reply))
    }

    fn declare_virtual_names(&mut self, names: &[&str]) -> Result<(), ScriptError> {
        let code = virtual_declarations(names);
        let script = Script {
            rule: "virtual",
            file: std::path::Path::new("<virtual names>"),
            line: 1,
            code: &code,
            c_file: "",
        };
        self.run(&script, &[], &code, "").map(|_| ())
    }

    fn exec(
        &mut self,
        script: &Script<'_>,
        inputs: &[Input],
        outputs: &[String],
    ) -> Result<ExecOutcome, ScriptError> {
        let mut body = String::new();
        for name in outputs {
            let _ = writeln!(body, "let {name} = ref Coccilib.Unset;;");
        }
        body.push_str(&located(script));
        let pairs: Vec<String> = outputs
            .iter()
            .map(|n| format!("({}, !{n})", ocaml_string(n)))
            .collect();
        let epilogue = format!(
            ";;\nlet () = Rcocci_host.set_outputs [{}];;\n",
            pairs.join("; ")
        );
        let (reply, stdout) = self.run(script, inputs, &body, &epilogue)?;
        Ok(crate::reply::exec_outcome(&reply, outputs, stdout))
    }

    fn eval_bool(
        &mut self,
        script: &Script<'_>,
        inputs: &[Input],
    ) -> Result<EvalOutcome<bool>, ScriptError> {
        let body = format!("let () = Rcocci_host.answer_bool ({});;\n", located(script));
        let (reply, stdout) = self.run(script, inputs, &body, "")?;
        Ok(crate::reply::bool_outcome(&reply, stdout))
    }

    fn eval_string(
        &mut self,
        script: &Script<'_>,
        inputs: &[Input],
    ) -> Result<EvalOutcome<String>, ScriptError> {
        let body = format!(
            "let () = Rcocci_host.answer_string ({});;\n",
            located(script)
        );
        let (reply, stdout) = self.run(script, inputs, &body, "")?;
        Ok(crate::reply::string_outcome(&reply, stdout))
    }
}

impl Drop for OcamlSession {
    fn drop(&mut self) {
        drop(self.requests.take());
        crate::end_child(&mut self.child);
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

//! OCaml scripts: a persistent `ocaml` toplevel child process.

use crate::{EvalOutcome, ExecOutcome, Input, Language, Script, ScriptError, Session};

pub(crate) struct OcamlSession;

impl OcamlSession {
    pub(crate) fn start() -> Result<OcamlSession, ScriptError> {
        Err(ScriptError::Host {
            language: Language::OCaml,
            message: "not written yet".into(),
        })
    }
}

impl Session for OcamlSession {
    fn exec(
        &mut self,
        _: &Script<'_>,
        _: &[Input],
        _: &[String],
    ) -> Result<ExecOutcome, ScriptError> {
        unreachable!()
    }
    fn eval_bool(&mut self, _: &Script<'_>, _: &[Input]) -> Result<EvalOutcome<bool>, ScriptError> {
        unreachable!()
    }
    fn eval_string(
        &mut self,
        _: &Script<'_>,
        _: &[Input],
    ) -> Result<EvalOutcome<String>, ScriptError> {
        unreachable!()
    }
}

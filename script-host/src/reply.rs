//! The reply both interpreter hosts write (`driver.py` and `host.ml` speak the same JSON),
//! read into outcomes in one place.

use crate::{EvalOutcome, ExecOutcome, Location, Value};
use serde_json::Value as Json;

/// A script rule's run: its output variables, `include_match` and `exit`.
pub(crate) fn exec_outcome(reply: &Json, outputs: &[String], stdout: String) -> ExecOutcome {
    ExecOutcome {
        stdout,
        outputs: outputs
            .iter()
            .map(|name| (name.clone(), output_value(&reply["outputs"][name])))
            .collect(),
        include_match: reply["include_match"] != Json::Bool(false),
        exit: reply["exit"] == Json::Bool(true),
    }
}

/// A constraint's answer.
pub(crate) fn bool_outcome(reply: &Json, stdout: String) -> EvalOutcome<bool> {
    EvalOutcome {
        value: reply["value"] == Json::Bool(true),
        stdout,
    }
}

/// A fresh identifier's name.
pub(crate) fn string_outcome(reply: &Json, stdout: String) -> EvalOutcome<String> {
    EvalOutcome {
        value: reply["value"].as_str().unwrap_or("").to_string(),
        stdout,
    }
}

/// An out-binding of a reply: `{"code": ...}` or `{"positions": [...]}`; `None` if unset.
pub(crate) fn output_value(v: &Json) -> Option<Value> {
    if let Some(code) = v["code"].as_str() {
        return Some(Value::Code(code.to_string()));
    }
    let places = v["positions"].as_array()?;
    let number = |p: &Json, k: &str| p[k].as_u64().unwrap_or(0) as usize;
    let text = |p: &Json, k: &str| p[k].as_str().unwrap_or("").to_string();
    Some(Value::Positions(
        places
            .iter()
            .map(|p| Location {
                file: text(p, "file"),
                current_element: text(p, "current_element"),
                current_element_line: number(p, "current_element_line"),
                current_element_column: number(p, "current_element_column"),
                current_element_line_end: number(p, "current_element_line_end"),
                current_element_column_end: number(p, "current_element_column_end"),
                line: number(p, "line"),
                column: number(p, "column"),
                line_end: number(p, "line_end"),
                column_end: number(p, "column_end"),
            })
            .collect(),
    ))
}

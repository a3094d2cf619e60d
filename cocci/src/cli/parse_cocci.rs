//! `rcocci --parse-cocci FILE` (issue 3): prints a normalised dump of each rule of a rule file
//! (header, metavariables, pattern and plus trees, where added code goes); on a malformed file
//! prints located diagnostics on stderr and exits 2.

use super::Args;
use std::path::Path;

pub fn run(_args: &Args, file: &Path) -> i32 {
    let bytes = match std::fs::read(file) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("rcocci: cannot read {}: {e}", file.display());
            return 2;
        }
    };
    let text = String::from_utf8_lossy(&bytes).into_owned();
    match smpl_parser::parse_rule_file_with_includes(file, &text) {
        Ok(rules) => {
            rules.warnings.emit_to_stderr();
            print!("{}", smpl_parser::dump_rule_file(&rules));
            0
        }
        Err(diags) => {
            diags.emit_to_stderr();
            2
        }
    }
}

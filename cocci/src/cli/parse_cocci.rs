//! `rcocci --parse-cocci FILE` (issue 3).

use super::Args;
use std::path::Path;

pub fn run(_args: &Args, _file: &Path) -> i32 {
    eprintln!("rcocci: --parse-cocci is not implemented yet");
    2
}

//! `rcocci --parse-c PATH...` (issue 2).

use super::Args;

pub fn run(_args: &Args) -> i32 {
    eprintln!("rcocci: --parse-c is not implemented yet");
    2
}

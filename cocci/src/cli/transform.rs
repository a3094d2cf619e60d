//! The main job: apply a semantic patch to C files (issue 4).

use super::Args;

pub fn run(_args: &Args) -> i32 {
    eprintln!("rcocci: applying semantic patches is not implemented yet");
    2
}

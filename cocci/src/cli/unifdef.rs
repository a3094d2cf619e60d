//! `rcocci unifdef [flags] PATH...` (issue 6).

use std::ffi::OsString;

pub fn run(_argv: &[OsString]) -> i32 {
    eprintln!("rcocci unifdef: not implemented yet");
    2
}

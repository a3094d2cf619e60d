//! Parses each rule file given on the command line (with its includes), as
//! `rcocci --parse-cocci` does; prints the warnings, and the diagnostics of those that fail, and exits 2 if any did.
//! `cargo run -p smpl-parser --example check_rules -- FILE...`

use std::path::Path;

fn main() {
    let mut failed = 0;
    let files: Vec<String> = std::env::args().skip(1).collect();
    for f in &files {
        let text = match std::fs::read(f) {
            Ok(b) => String::from_utf8_lossy(&b).into_owned(),
            Err(e) => {
                eprintln!("{f}: {e}");
                failed += 1;
                continue;
            }
        };
        match smpl_parser::parse_rule_file_with_includes(Path::new(f), &text) {
            Ok(rf) => eprint!("{}", rf.warnings.render_plain()),
            Err(d) => {
                failed += 1;
                eprint!("{}", d.render_plain());
            }
        }
    }
    if files.len() > 1 {
        println!(
            "{} of {} rule files parsed",
            files.len() - failed,
            files.len()
        );
    }
    std::process::exit(if failed > 0 { 2 } else { 0 });
}

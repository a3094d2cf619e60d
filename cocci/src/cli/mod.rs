//! The `rcocci` command line. spatch-style flags for the main job; `rcocci unifdef ...` is a
//! subcommand with unifdef's own getopt-style flags; `rcocci explain ...` is `--explain`.

mod args;
mod command_line;
mod convert;
mod explain;
mod options;
mod parse_c;
mod parse_cocci;
mod progress;
mod spatch_compat;
mod transform;
mod unifdef;

use std::ffi::OsString;

pub use args::{Args, Format};
pub use command_line::{version_text, SPATCH_COMPATIBLE};

/// Runs the command line and returns the process exit code.
pub fn run(argv: Vec<OsString>) -> i32 {
    if argv.get(1).map(|a| a == "unifdef").unwrap_or(false) {
        return unifdef::run(&argv[2..]);
    }
    if argv.get(1).map(|a| a == "convert").unwrap_or(false) {
        return convert::run(&argv[2..]);
    }
    let explain_subcommand = argv.get(1).is_some_and(|a| a == "explain");
    let mut argv = argv;
    if explain_subcommand {
        argv.remove(1);
    }
    let parsed = match command_line::parse(options::with_cocciconfig(argv)) {
        Ok(p) => p,
        Err(code) => return code,
    };
    let args = parsed.args;
    if !args.very_quiet {
        for note in &parsed.notes {
            eprintln!("rcocci: note: {note}");
        }
    }
    if args.parse_c.is_some() {
        // Only `--parse-c` runs on rayon's pool; the transform's driver spawns its own
        // workers, so that a run no file of which is parsed starts no idle pool.
        if let Some(n) = args.jobs {
            // A second call fails only if the pool was already built; that is harmless.
            let _ = rayon::ThreadPoolBuilder::new()
                .num_threads(n.max(1))
                .build_global();
        }
        return parse_c::run(&args);
    }
    if let Some(f) = &args.parse_cocci {
        return parse_cocci::run(&args, f);
    }
    if explain_subcommand {
        return explain::run_subcommand(args);
    }
    if !args.explain.is_empty() {
        return explain::run(&args);
    }
    transform::run(&args)
}

/// The one warning for a macro file's lines of C code (spatch accepts them; rcocci cannot use
/// them).
pub(crate) fn code_lines_warning(path: &std::path::Path, lines: usize) -> String {
    format!(
        "rcocci: warning: {}: {lines} line(s) of C code, not directives, ignored",
        path.display()
    )
}

//! Generates the shell completions and the man page from the command line's definition
//! (src/cli/args.rs, which depends on clap alone) into OUT_DIR; `rcocci --completions SHELL`
//! and `rcocci --man-page` print them. On Linux, links the `rcocci` binary as a fixed-address
//! (non-PIE) executable: a position-independent one has its 17,000 relative relocations
//! applied, and their pages written, at every start (docs/design/performance.md, "Eighth
//! round").

#[path = "src/cli/args.rs"]
#[allow(dead_code)]
mod args;

use clap::CommandFactory;
use clap_complete::Shell;
use std::path::PathBuf;

fn main() -> std::io::Result<()> {
    println!("cargo:rerun-if-changed=src/cli/args.rs");
    // glibc targets only, and not when linked statically (`-C target-feature=+crt-static`):
    // rustc then links static-pie, which `-no-pie` contradicts (the result crashes at
    // start), as on musl's targets.
    let var = |name: &str| std::env::var(name).unwrap_or_default();
    let crt_static = var("CARGO_CFG_TARGET_FEATURE")
        .split(',')
        .any(|feature| feature == "crt-static");
    if var("CARGO_CFG_TARGET_OS") == "linux" && var("CARGO_CFG_TARGET_ENV") == "gnu" && !crt_static
    {
        println!("cargo:rustc-link-arg-bin=rcocci=-no-pie");
    }
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    let mut command = args::Args::command();
    for shell in [
        Shell::Bash,
        Shell::Zsh,
        Shell::Fish,
        Shell::Elvish,
        Shell::PowerShell,
    ] {
        clap_complete::generate_to(shell, &mut command, "rcocci", &out)?;
    }
    let mut page = Vec::new();
    clap_mangen::Man::new(command).render(&mut page)?;
    std::fs::write(out.join("rcocci.1"), page)
}

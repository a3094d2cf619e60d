//! The `rcocci` command line, built in the end-to-end test package.
fn main() {
    let code = cocci::cli::run(std::env::args_os().collect());
    std::process::exit(code);
}

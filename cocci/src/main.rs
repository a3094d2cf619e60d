fn main() {
    let code = cocci::cli::run(std::env::args_os().collect());
    std::process::exit(code);
}

//! Prints c-parser's tree of a C file (a debugging aid for writing patterns).
fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: ctree FILE.c");
        std::process::exit(2);
    };
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("{path}: {e}");
            std::process::exit(2);
        }
    };
    let parse = c_parser::parse(&text, &c_parser::ParseOptions::default());
    print!("{}", c_parser::debug_tree(&parse.root));
}

//! The matcher and the rewrite never panic, whatever the C text (random token soup of
//! C-looking pieces, unbalanced brackets included).

use proptest::prelude::*;
use std::path::Path;

const RULES: &str = "@@
expression E, F;
identifier f;
statement S;
@@
(
- foo(E, F);
+ bar(F, E);
|
- if (E == NULL) S
+ if (!E) S
)

@@
type T;
identifier x;
expression list es;
@@
- T x = f(es);
+ T x = g(es);

@@
expression E;
@@
- E->lock
+ (*E).lock
";

const PIECES: &[&str] = &[
    "foo",
    "(",
    ")",
    "{",
    "}",
    ";",
    ",",
    "a",
    "b",
    "NULL",
    "==",
    "if",
    "else",
    "=",
    "->",
    "lock",
    "int",
    "x",
    "f",
    "*",
    "\n",
    " ",
    "return",
    "#include <x.h>\n",
    "/* c */",
    "1",
    "struct s",
    "[",
    "]",
    "while",
    "...",
    "\"s\"",
    "!",
    "+",
    "-",
];

fn run(text: &str) {
    let rules = smpl_parser::parse_rule_file(Path::new("r.cocci"), RULES).expect("rules parse");
    let options = c_parser::ParseOptions::default();
    let isos = matcher::IsoSet::default();
    let mut current = text.to_string();
    for rule in &rules.rules {
        let parse = c_parser::parse(&current, &options);
        if let Ok(out) = matcher::apply_rule(rule, &parse.root, &current, &isos) {
            if let Ok(next) = rewriter::apply_edits(&current, &out.edits) {
                current = next;
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]
    #[test]
    fn matching_never_panics(pieces in proptest::collection::vec(0..PIECES.len(), 0..80)) {
        let text: String = pieces.iter().map(|&i| PIECES[i]).collect::<Vec<_>>().join(" ");
        run(&format!("void g(void)\n{{\n{text}\n}}\n"));
        run(&text);
    }
}

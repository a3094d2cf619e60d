//! Parse accuracy against Universal Ctags: every function definition ctags finds in a `.c`
//! file should be a FUNCTION_DEF of the tree, with the same name on the same line, and the
//! tree should hold no other. Needs `ctags` (universal-ctags) on the PATH.
//! `cargo run --release -p c-parser --example ctags_functions -- DIR [--no-macros] [-v]`

use c_parser::{parse, ParseOptions, SourceText, SyntaxKind, SyntaxNode};
use std::collections::BTreeSet;
use std::path::Path;
use std::process::Command;

/// (file, line, name) of each definition.
type Defs = BTreeSet<(String, usize, String)>;

fn ctags_definitions(dir: &Path) -> Result<Defs, String> {
    let out = Command::new("ctags")
        .args([
            "-R",
            "-x",
            "--c-kinds=f",
            "--languages=C",
            "--_xformat=%N\t%n\t%F",
        ])
        .arg(dir)
        .output()
        .map_err(|e| format!("cannot run ctags: {e}"))?;
    if !out.status.success() {
        return Err(format!(
            "ctags failed: {}",
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    let mut defs = Defs::new();
    for line in String::from_utf8_lossy(&out.stdout).lines() {
        let mut fields = line.splitn(3, '\t');
        let (Some(name), Some(l), Some(file)) = (fields.next(), fields.next(), fields.next())
        else {
            continue;
        };
        if let (true, Ok(l)) = (file.ends_with(".c"), l.parse()) {
            defs.insert((file.to_string(), l, name.to_string()));
        }
    }
    Ok(defs)
}

fn line_of(text: &str, offset: usize) -> usize {
    text[..offset].bytes().filter(|&b| b == b'\n').count() + 1
}

/// The function definitions of one parsed file.
fn tree_definitions(file: &str, text: &str, root: &SyntaxNode, out: &mut Defs) {
    for def in root
        .descendants()
        .filter(|n| n.kind() == SyntaxKind::FUNCTION_DEF)
    {
        let name = c_parser::ast::AstNode::cast(def.clone())
            .and_then(|f: c_parser::ast::FunctionDef| f.name());
        let (line, name) = match name {
            Some(t) => (
                line_of(text, t.text_range().start().into()),
                t.text().to_string(),
            ),
            None => (line_of(text, def.text_range().start().into()), "?".into()),
        };
        out.insert((file.to_string(), line, name));
    }
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let Some(dir) = args.get(1).filter(|a| !a.starts_with('-')) else {
        eprintln!("usage: ctags_functions DIR [--no-macros] [-v]");
        std::process::exit(2);
    };
    let verbose = args.iter().any(|a| a == "-v");
    let opts = if args.iter().any(|a| a == "--no-macros") {
        ParseOptions {
            macros: std::sync::Arc::new(c_parser::MacroTable::empty()),
            smpl: None,
        }
    } else {
        ParseOptions::default()
    };
    let expected = match ctags_definitions(Path::new(dir)) {
        Ok(d) => d,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(2);
        }
    };
    let files: BTreeSet<&String> = expected.iter().map(|d| &d.0).collect();
    let mut found = Defs::new();
    for file in files {
        let Ok(raw) = std::fs::read(file) else {
            continue;
        };
        let src = SourceText::decode(&raw);
        let parse = parse(src.as_str(), &opts);
        tree_definitions(file, src.as_str(), &parse.root, &mut found);
    }
    let mut missed: Vec<_> = expected.difference(&found).collect();
    let mut spurious: Vec<_> = found.difference(&expected).collect();
    let misreads = ctags_misreads(&mut missed, &mut spurious);
    for (macro_call, def) in &misreads {
        println!(
            "ctags misread: {}:{}: {} (a macro call) taken for the definition of {} at line {}",
            macro_call.0, macro_call.1, macro_call.2, def.2, def.1
        );
    }
    for (what, list) in [("missed", &missed), ("spurious", &spurious)] {
        let shown = if verbose {
            list.len()
        } else {
            list.len().min(20)
        };
        for (file, line, name) in &list[..shown] {
            println!("{what}: {file}:{line}: {name}");
        }
    }
    let total = expected.len() - misreads.len();
    let hit = total - missed.len();
    println!(
        "ctags: {} definitions ({} more are ctags misreads), {} found as FUNCTION_DEF ({:.2}%), {} missed, {} spurious",
        total,
        misreads.len(),
        hit,
        100.0 * hit as f64 / total.max(1) as f64,
        missed.len(),
        spurious.len()
    );
}

type Def<'a> = &'a (String, usize, String);

/// ctags reads `DEFINE_FREE(...)` or `STRTO_H(a, b)` followed by a function as a K&R
/// definition of the macro, and misses the real function. Pairs a missed all-capitals name
/// with the first definition of ours (at most 40 lines, past a comment) below it in the same file that ctags does not have,
/// and takes both out of the lists.
fn ctags_misreads<'a>(
    missed: &mut Vec<Def<'a>>,
    spurious: &mut Vec<Def<'a>>,
) -> Vec<(Def<'a>, Def<'a>)> {
    let macro_like = |n: &str| {
        n.bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'_')
    };
    let mut pairs = Vec::new();
    missed.retain(|m| {
        if !macro_like(&m.2) {
            return true;
        }
        let near = spurious
            .iter()
            .position(|s| s.0 == m.0 && s.1 > m.1 && s.1 <= m.1 + 40);
        match near {
            Some(i) => {
                pairs.push((*m, spurious.remove(i)));
                false
            }
            None => true,
        }
    });
    pairs
}

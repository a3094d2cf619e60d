//! `rcocci --explain FILE:LINE` and `rcocci explain [flags] [RULES.cocci] FILE:LINE...`: for
//! each rule of the rule file, why it did or did not match the statement at that line (see
//! [`crate::explain`]). Nothing is written; the explanation goes to stdout.

use super::args::Args;
use super::transform::{load, Loaded};
use crate::driver::FileInput;
use crate::explain::{render, Explainer, Target};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// `rcocci explain ...`: the command line without the word `explain`, its positional
/// arguments read as a rule file (`*.cocci`, when no `--sp-file` is given) and targets.
pub fn run_subcommand(mut args: Args) -> i32 {
    for path in std::mem::take(&mut args.paths) {
        let is_rule_file = path.extension().is_some_and(|e| e == "cocci");
        if is_rule_file && args.sp_file.is_none() && args.sp.is_none() {
            args.sp_file = Some(path);
        } else {
            args.explain.push(path.to_string_lossy().into_owned());
        }
    }
    if args.explain.is_empty() {
        eprintln!("rcocci: explain: name a place to explain, as FILE:LINE");
        return 2;
    }
    run(&args)
}

/// Explains each `--explain` target; returns the exit code (2 if one could not be explained).
pub fn run(args: &Args) -> i32 {
    let loaded = match load(args) {
        Ok(l) => l,
        Err(message) => {
            eprintln!("rcocci: {message}");
            return 2;
        }
    };
    if !args.paths.is_empty() || !args.dir.is_empty() {
        eprintln!("rcocci: note: --explain reads only the files it names; other paths ignored");
    }
    let macros = loaded.macros.clone();
    let engine = match build(loaded, args.disable_worth_trying_opt) {
        Ok(e) => e,
        Err(message) => {
            eprintln!("rcocci: {message}");
            return 2;
        }
    };
    let mut code = 0;
    for spec in &args.explain {
        match explain_one(&engine, &macros, spec) {
            Ok(text) => print!("{text}"),
            Err(message) => {
                eprintln!("rcocci: --explain {spec}: {message}");
                code = 2;
            }
        }
    }
    code
}

struct Explaining {
    engine: crate::engine::Engine,
    rules: Arc<smpl_parser::RuleFile>,
}

fn build(loaded: Loaded, disable_worth_trying_opt: bool) -> Result<Explaining, String> {
    let Loaded {
        rules,
        opts,
        macros,
    } = loaded;
    let config = super::transform::engine_config(&opts, macros, disable_worth_trying_opt);
    let rules = Arc::new(rules);
    let engine = crate::engine::build(rules.clone(), &config)?;
    crate::driver::FileTransformer::initialize(&engine)?;
    Ok(Explaining { engine, rules })
}

/// `FILE:LINE` split at its last colon.
fn parse_spec(spec: &str) -> Result<(PathBuf, usize), String> {
    let (file, line) = spec
        .rsplit_once(':')
        .ok_or_else(|| "expected FILE:LINE".to_string())?;
    let line: usize = line
        .parse()
        .ok()
        .filter(|&n| n > 0)
        .ok_or_else(|| format!("`{line}` is not a line number (expected FILE:LINE)"))?;
    Ok((PathBuf::from(file), line))
}

fn explain_one(
    explaining: &Explaining,
    macros: &Arc<c_parser::MacroTable>,
    spec: &str,
) -> Result<String, String> {
    let (path, line) = parse_spec(spec)?;
    let bytes = std::fs::read(&path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let text = String::from_utf8_lossy(&bytes).into_owned();
    let options = c_parser::ParseOptions {
        macros: macros.clone(),
        smpl: None,
    };
    let parse = c_parser::parse(&text, &options);
    let target =
        Target::at_line(&text, &parse.root, line).map_err(|e| format!("line {line}: {e}"))?;
    let mut explainer = Explainer::new(&target, &text);
    let input = FileInput {
        path: Path::new(&path),
        text: &text,
        tree: Some(&parse),
    };
    let name = path.display().to_string();
    let run = explaining
        .engine
        .run_rules(&input, None, Some(&mut explainer));
    let c = crate::explain::CFile {
        name: &name,
        text: &text,
        parse: &parse,
    };
    let mut out = render(&explaining.rules, &c, &target, &explainer.verdicts);
    if let Err(e) = run {
        out.push_str(&format!("the run stopped: {e}\n"));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn places_are_split_at_the_last_colon() {
        assert_eq!(
            parse_spec("drivers/a:b.c:12").unwrap(),
            (PathBuf::from("drivers/a:b.c"), 12)
        );
        assert!(parse_spec("x.c").is_err());
        assert_eq!(
            parse_spec("x.c:0").unwrap_err(),
            "`0` is not a line number (expected FILE:LINE)"
        );
    }
}

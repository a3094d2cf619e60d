//! unifdef's command line, getopt style: `-DSYM` and `-D SYM`, clustered flags (`-kB`),
//! options anywhere before `--` (GNU getopt permutes), plus the long form `--in-place` (`-m`).

use std::ffi::{OsStr, OsString};

use crate::{ListStyle, Options, Symbols};

/// A parsed command line.
#[derive(Clone, Debug, Default)]
pub struct Config {
    pub options: Options,
    /// Files, directories, or `-` for standard input.
    pub operands: Vec<OsString>,
    /// `-o FILE`.
    pub output: Option<OsString>,
    /// `-m`, `--in-place`, or `-M EXT`.
    pub in_place: bool,
    /// `-M EXT`: keep the original as FILE+EXT.
    pub backup_ext: Option<OsString>,
    /// `-x {0,1,2}`.
    pub exit_mode: u8,
    /// `-d`: accepted; rcocci prints no parser trace.
    pub debug: bool,
    /// In listing mode, the names of `-D`/`-U`/`-f` symbols given after `-s`/`-S` (unifdef
    /// lists them too, before the file's own).
    pub listed_args: Vec<Vec<u8>>,
}

impl Config {
    /// What listing mode prints for the symbol options themselves, before the file's names.
    pub fn listed_args_text(&self) -> Vec<u8> {
        let mut out = Vec::new();
        for name in &self.listed_args {
            if self.options.list_symbols == Some(ListStyle::OneLine) {
                out.push(b' ');
                out.extend_from_slice(name);
            } else {
                out.extend_from_slice(name);
                out.push(b'\n');
            }
        }
        out
    }
}

/// What the command line asks for.
#[derive(Clone, Debug)]
pub enum Parsed {
    Run(Box<Config>),
    Help,
    Version,
}

/// A command-line problem: the message, and whether the usage text should follow it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ArgError {
    pub message: String,
    pub show_usage: bool,
}

pub const USAGE: &str = "usage:\trcocci unifdef [-bBcdehKkmnsStV] [-x{012}] [-Mext] [-opath] \\\n\
\t\t[-[i]Dsym[=val]] [-[i]Usym] [-fpath] [--in-place] ... [file|dir] ...\n";

pub const HELP: &str = "\
\t-Dsym=val  define preprocessor symbol with given value
\t-Dsym      define preprocessor symbol with value 1
\t-Usym\t   preprocessor symbol is undefined
\t-iDsym=val \\  ignore C strings and comments
\t-iDsym      ) in sections controlled by these
\t-iUsym\t   /  preprocessor symbols
\t-fpath\tfile containing #define and #undef directives
\t-b\tblank lines instead of deleting them (also -l)
\t-B\tcompress blank lines around deleted section
\t-c\tcomplement (invert) keep vs. delete
\t-d\tdebugging mode (accepted, no trace)
\t-e\tignore multiline preprocessor directives
\t-h\tprint help
\t-Ipath\textra include file path (ignored)
\t-K\tdisable && and || short-circuiting
\t-k\tprocess constant #if expressions
\t-Mext\tmodify in place and keep backups
\t-m\tmodify input files in place (also --in-place)
\t-n\tadd #line directives to output
\t-opath\toutput file name
\t-S\tlist #if control symbols with nesting
\t-s\tlist #if control symbols
\t-t\tignore C strings and comments
\t-V\tprint version
\t-x{012}\texit status mode
Directories are searched recursively for .c and .h files, processed in parallel.
";

fn usage(message: impl Into<String>) -> ArgError {
    ArgError {
        message: message.into(),
        show_usage: true,
    }
}

fn plain(message: impl Into<String>) -> ArgError {
    ArgError {
        message: message.into(),
        show_usage: false,
    }
}

#[cfg(unix)]
fn bytes(s: &OsStr) -> Vec<u8> {
    use std::os::unix::ffi::OsStrExt;
    s.as_bytes().to_vec()
}

#[cfg(not(unix))]
fn bytes(s: &OsStr) -> Vec<u8> {
    s.to_string_lossy().into_owned().into_bytes()
}

const WITH_ARGUMENT: &[u8] = b"iDUfIMox";
const FLAGS: &[u8] = b"bBcdehKklmnsStV";

/// Parses unifdef's arguments (without the program name). `-f` files are read here.
pub fn parse(argv: &[OsString]) -> Result<Parsed, ArgError> {
    let mut config = Config::default();
    let mut blank_flag = false;
    let mut i = 0;
    let mut options_done = false;
    while i < argv.len() {
        let arg = &argv[i];
        i += 1;
        let b = bytes(arg);
        if options_done || b.len() < 2 || b[0] != b'-' {
            config.operands.push(arg.clone());
            continue;
        }
        match b.as_slice() {
            b"--" => {
                options_done = true;
                continue;
            }
            b"--in-place" => {
                config.in_place = true;
                continue;
            }
            b"--help" => return Ok(Parsed::Help),
            b"--version" => return Ok(Parsed::Version),
            _ if b.starts_with(b"--") => {
                return Err(usage(format!(
                    "unrecognized option '{}'",
                    arg.to_string_lossy()
                )))
            }
            _ => {}
        }
        let mut k = 1;
        while k < b.len() {
            let c = b[k];
            k += 1;
            if WITH_ARGUMENT.contains(&c) {
                let value: Vec<u8> = if k < b.len() {
                    let v = b[k..].to_vec();
                    k = b.len();
                    v
                } else if i < argv.len() {
                    i += 1;
                    bytes(&argv[i - 1])
                } else {
                    return Err(usage(format!(
                        "option requires an argument -- '{}'",
                        c as char
                    )));
                };
                option_with_value(&mut config, c, value)?;
            } else if FLAGS.contains(&c) {
                match c {
                    b'b' | b'l' => {
                        config.options.blank_removed = true;
                        blank_flag = true;
                    }
                    b'B' => config.options.compress_blanks = true,
                    b'c' => config.options.complement = true,
                    b'd' => config.debug = true,
                    b'e' => config.options.ignore_multiline = true,
                    b'h' => return Ok(Parsed::Help),
                    b'K' => config.options.strict_logic = true,
                    b'k' => config.options.process_constants = true,
                    b'm' => config.in_place = true,
                    b'n' => config.options.line_directives = true,
                    b's' => config.options.list_symbols = Some(ListStyle::Lines),
                    b'S' => config.options.list_symbols = Some(ListStyle::OneLine),
                    b't' => config.options.text_mode = true,
                    _ => return Ok(Parsed::Version),
                }
            } else {
                return Err(usage(format!("invalid option -- '{}'", c as char)));
            }
        }
    }
    if blank_flag && config.options.compress_blanks {
        return Err(plain("-B and -b are mutually exclusive"));
    }
    if config.options.list_symbols.is_some() && config.operands.len() > 1 {
        return Err(plain("-s only works with one input file"));
    }
    if config.output.is_some() && config.in_place {
        return Err(plain("-o cannot be used with -m or -M"));
    }
    if config.options.list_symbols.is_some() {
        list_value_lookups(&mut config);
    }
    Ok(Parsed::Run(Box::new(config)))
}

/// unifdef resolves macro-to-macro values at startup by looking each value up as a name until
/// nothing changes; in listing mode every lookup lists the name and lands in the first slot.
/// This replays that loop for what it lists.
fn list_value_lookups(config: &mut Config) {
    // A value with the slot whose string object it is (None: the object all `-DSYM` share);
    // unifdef compares values as objects.
    let mut values: Vec<Option<(Vec<u8>, Option<usize>)>> = config
        .options
        .symbols
        .iter()
        .filter(|s| !s.name.is_empty())
        .enumerate()
        .map(|(i, s)| {
            let object = (!s.shared_value).then_some(i);
            s.value.clone().map(|v| (v, object))
        })
        .collect();
    // Each pass changes a value to the first slot's, so a pass per symbol is enough.
    for _ in 0..=values.len() {
        let mut changed = false;
        for i in 0..values.len() {
            let Some((value, _)) = values[i].clone() else {
                continue;
            };
            let end = crate::lexer::skip_symbol(&value, 0);
            if end == 0 {
                continue;
            }
            config.listed_args.push(value[..end].to_vec());
            if i == 0 || end != value.len() || values[0].is_none() || values[0] == values[i] {
                continue;
            }
            values[i] = values[0].clone();
            changed = true;
        }
        if !changed {
            break;
        }
    }
}

fn option_with_value(config: &mut Config, c: u8, value: Vec<u8>) -> Result<(), ArgError> {
    // In listing mode unifdef lists the names of later symbol options instead of recording
    // them, and all of them land in its first symbol slot.
    let listing = config.options.list_symbols.is_some();
    let mut scratch = Symbols::new();
    let target = if listing {
        &mut scratch
    } else {
        &mut config.options.symbols
    };
    match c {
        b'D' | b'U' => {
            target
                .apply_arg(&value, c == b'D', false)
                .map_err(|_| usage(""))?;
        }
        b'i' => {
            let define = match value.first() {
                Some(b'D') => true,
                Some(b'U') => false,
                _ => return Err(usage("")),
            };
            target
                .apply_arg(&value[1..], define, true)
                .map_err(|_| usage(""))?;
        }
        b'f' => {
            let path = os_string(value);
            let text = std::fs::read(&path)
                .map_err(|e| plain(format!("can't open {}: {}", path.to_string_lossy(), e)))?;
            target.apply_definitions(&text).map_err(|e| {
                plain(format!(
                    "{}:{}: {}",
                    path.to_string_lossy(),
                    e.line,
                    e.message
                ))
            })?;
        }
        b'I' => {}
        b'M' => {
            config.in_place = true;
            config.backup_ext = Some(os_string(value));
        }
        b'o' => config.output = Some(os_string(value)),
        _ => {
            config.exit_mode = match value.as_slice() {
                b"0" => 0,
                b"1" => 1,
                b"2" => 2,
                _ => return Err(usage("")),
            }
        }
    }
    for symbol in scratch.iter() {
        config.listed_args.push(symbol.name.clone());
        config.options.symbols.set_first_slot(symbol);
    }
    Ok(())
}

#[cfg(unix)]
fn os_string(b: Vec<u8>) -> OsString {
    use std::os::unix::ffi::OsStringExt;
    OsString::from_vec(b)
}

#[cfg(not(unix))]
fn os_string(b: Vec<u8>) -> OsString {
    OsString::from(String::from_utf8_lossy(&b).into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(args: &[&str]) -> Result<Config, ArgError> {
        let argv: Vec<OsString> = args.iter().map(OsString::from).collect();
        match parse(&argv)? {
            Parsed::Run(c) => Ok(*c),
            other => panic!("unexpected {other:?}"),
        }
    }

    #[test]
    fn attached_and_separate_forms() {
        let c = run(&[
            "-kB", "-DA", "-D", "B=2", "-UC", "-iDD", "-x", "1", "f.c", "-m",
        ])
        .unwrap();
        let s = &c.options.symbols;
        assert!(c.options.process_constants && c.options.compress_blanks && c.in_place);
        assert_eq!(s.get(b"A").unwrap().value.as_deref(), Some(&b"1"[..]));
        assert_eq!(s.get(b"B").unwrap().value.as_deref(), Some(&b"2"[..]));
        assert_eq!(s.get(b"C").unwrap().value, None);
        assert!(s.get(b"D").unwrap().ignore);
        assert_eq!(c.exit_mode, 1);
        assert_eq!(c.operands, vec![OsString::from("f.c")]);
    }

    #[test]
    fn rejects_bad_forms() {
        assert!(run(&["-DA-B"]).is_err());
        assert!(run(&["-x3"]).is_err());
        assert!(run(&["-b", "-B"]).is_err());
        assert!(run(&["-o"]).is_err());
        assert!(run(&["-Z"]).is_err());
    }

    #[test]
    fn double_dash_ends_options() {
        let c = run(&["--in-place", "--", "-DA"]).unwrap();
        assert!(c.in_place);
        assert_eq!(c.operands, vec![OsString::from("-DA")]);
    }
}

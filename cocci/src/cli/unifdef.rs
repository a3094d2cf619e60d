//! `rcocci unifdef [flags] PATH...` (issue 6): unifdef 2.10's command line and output, over
//! many files in one process.
//!
//! Operands are files, `-` (standard input), or directories, searched recursively for `.c` and
//! `.h` files (sorted by path; symbolic links to directories are not followed). Files are
//! processed in parallel. Without `-m`/`-M`/`-o`, results go to standard output one after the
//! other in operand order (unifdef itself refuses several inputs without `-m`; rcocci
//! concatenates, so `rcocci unifdef -DX dir/` shows the whole tree's result). A file that
//! cannot be read or processed gets a `PATH:LINE: message` on standard error, is left
//! byte-for-byte untouched, and makes the exit status 2; the other files are still processed.
//! With `-m`, a file whose result equals its contents is not rewritten (its bytes are already
//! what unifdef would write); otherwise the result goes to a temporary file in the same
//! directory, which takes the original's permissions and is renamed over it.

use std::ffi::OsString;
use std::fs;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use unifdef::args::{self, Config, Parsed};

/// Runs the subcommand and returns the exit status.
pub fn run(argv: &[OsString]) -> i32 {
    let config = match args::parse(argv) {
        Ok(Parsed::Run(config)) => *config,
        Ok(Parsed::Help) => {
            print!("{}{}", args::USAGE, args::HELP);
            return 0;
        }
        Ok(Parsed::Version) => {
            println!(
                "rcocci unifdef {} (unifdef 2.10 compatible)",
                env!("CARGO_PKG_VERSION")
            );
            return 0;
        }
        Err(e) => {
            if !e.message.is_empty() {
                eprintln!("rcocci unifdef: {}", e.message);
            }
            if e.show_usage {
                eprint!("{}", args::USAGE);
            }
            return 2;
        }
    };
    let mut trouble = false;
    let mut inputs = Vec::new();
    if config.operands.is_empty() {
        inputs.push(Input::Stdin);
    }
    for operand in &config.operands {
        if operand == "-" {
            inputs.push(Input::Stdin);
            continue;
        }
        let path = PathBuf::from(operand);
        if path.is_dir() {
            let mut found = Vec::new();
            if let Err(e) = collect_sources(&path, &mut found) {
                eprintln!("{}: {}", path.display(), e);
                trouble = true;
            }
            found.sort();
            inputs.extend(found.into_iter().map(Input::File));
        } else {
            inputs.push(Input::File(path));
        }
    }
    if config.output.is_some() && inputs.len() > 1 {
        eprintln!("rcocci unifdef: -o needs exactly one input file");
        return 2;
    }
    if config.in_place && inputs.iter().any(|i| matches!(i, Input::Stdin)) {
        eprintln!("rcocci unifdef: can't modify standard input in place");
        return 2;
    }

    let results: Vec<FileResult> = inputs
        .par_iter()
        .map(|input| process(input, &config))
        .collect();

    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    if config.options.list_symbols.is_some() {
        let _ = out.write_all(&config.listed_args_text());
    }
    let mut altered = false;
    for result in results {
        if let Some(bytes) = &result.stdout {
            if let Err(e) = out.write_all(bytes) {
                eprintln!("rcocci unifdef: can't write output: {e}");
                return 2;
            }
        }
        if let Some(message) = &result.error {
            let _ = out.flush();
            eprintln!("{message}");
            trouble = true;
        }
        altered |= result.altered;
    }
    let _ = out.flush();
    if trouble {
        return 2;
    }
    match (config.exit_mode, altered) {
        (0, true) | (1, false) => 1,
        _ => 0,
    }
}

enum Input {
    Stdin,
    File(PathBuf),
}

#[derive(Default)]
struct FileResult {
    stdout: Option<Vec<u8>>,
    error: Option<String>,
    altered: bool,
}

fn collect_sources(dir: &Path, found: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for entry in fs::read_dir(dir)? {
        let entry = entry?;
        let path = entry.path();
        let kind = entry.file_type()?;
        if kind.is_dir() {
            collect_sources(&path, found)?;
        } else if matches!(path.extension().and_then(|e| e.to_str()), Some("c" | "h"))
            && (kind.is_file() || path.is_file())
        {
            found.push(path);
        }
    }
    Ok(())
}

fn process(input: &Input, config: &Config) -> FileResult {
    let (label, bytes) = match input {
        Input::Stdin => {
            let mut buf = Vec::new();
            match std::io::stdin().lock().read_to_end(&mut buf) {
                Ok(_) => ("[stdin]".to_string(), buf),
                Err(e) => return failure(format!("[stdin]: can't read: {e}")),
            }
        }
        Input::File(path) => match fs::read(path) {
            Ok(b) => (path.display().to_string(), b),
            Err(e) => return failure(format!("{}: can't read: {e}", path.display())),
        },
    };
    if let Some(style) = config.options.list_symbols {
        return match unifdef::list_symbols(&bytes, &config.options, style) {
            Ok(listing) => FileResult {
                stdout: Some(listing),
                ..Default::default()
            },
            Err(d) => failure(format!("{label}:{d}")),
        };
    }
    let file_label = match input {
        Input::Stdin => None,
        Input::File(_) => Some(label.as_str()),
    };
    let stripped = match unifdef::strip_file(&bytes, &config.options, file_label) {
        Ok(s) => s,
        Err(d) => return failure(format!("{label}:{d}")),
    };
    let altered = stripped.altered;
    let written = match (input, &config.output) {
        (_, Some(out)) if out == "-" => {
            return FileResult {
                stdout: Some(stripped.text),
                error: None,
                altered,
            }
        }
        (_, Some(out)) => fs::write(out, &stripped.text)
            .map_err(|e| format!("{}: can't write: {e}", Path::new(out).display())),
        (Input::File(path), None) if config.in_place => {
            replace_file(path, &bytes, &stripped.text, config.backup_ext.as_deref())
        }
        _ => {
            return FileResult {
                stdout: Some(stripped.text),
                error: None,
                altered,
            }
        }
    };
    FileResult {
        stdout: None,
        error: written.err(),
        altered,
    }
}

fn failure(message: String) -> FileResult {
    FileResult {
        stdout: None,
        error: Some(message),
        altered: false,
    }
}

/// Writes `new` over `path` through a temporary file in the same directory (so a reader never
/// sees a half-written file), keeping the original's permissions; with a backup extension the
/// original is kept under that name.
fn replace_file(
    path: &Path,
    old: &[u8],
    new: &[u8],
    backup_ext: Option<&std::ffi::OsStr>,
) -> Result<(), String> {
    if backup_ext.is_none() && old == new {
        return Ok(());
    }
    let fail = |what: &str, e: std::io::Error| format!("{}: can't {what}: {e}", path.display());
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let temp = dir.join(format!(".{name}.rcocci-unifdef.{}", std::process::id()));
    let permissions = fs::metadata(path)
        .map_err(|e| fail("stat", e))?
        .permissions();
    let write = || -> std::io::Result<()> {
        let mut file = fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&temp)?;
        file.write_all(new)?;
        file.set_permissions(permissions.clone())?;
        Ok(())
    };
    if let Err(e) = write() {
        let _ = fs::remove_file(&temp);
        return Err(fail("write temporary file", e));
    }
    if let Some(ext) = backup_ext {
        let mut backup = path.as_os_str().to_owned();
        backup.push(ext);
        if let Err(e) = fs::rename(path, &backup) {
            let _ = fs::remove_file(&temp);
            return Err(fail("make backup", e));
        }
    }
    fs::rename(&temp, path).map_err(|e| {
        let _ = fs::remove_file(&temp);
        fail("replace", e)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scratch(name: &str) -> PathBuf {
        let dir =
            std::env::temp_dir().join(format!("rcocci-unifdef-cli-{}-{name}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(dir.join("sub")).expect("scratch dir");
        dir
    }

    fn argv(args: &[&str], dir: &Path) -> Vec<OsString> {
        let mut v: Vec<OsString> = args.iter().map(OsString::from).collect();
        v.push(dir.as_os_str().to_owned());
        v
    }

    #[test]
    fn in_place_over_a_tree_keeps_bad_files_and_permissions() {
        let dir = scratch("inplace");
        let good = dir.join("good.c");
        let bad = dir.join("sub/bad.h");
        let other = dir.join("sub/other.h");
        let text = dir.join("notes.txt");
        fs::write(
            &good,
            "#ifdef HAVE_SERVER_SUPPORT\nserver();\n#endif\nclient();\n",
        )
        .unwrap();
        fs::write(&bad, "#ifdef HAVE_SERVER_SUPPORT\nunterminated();\n").unwrap();
        fs::write(&other, "#ifndef HAVE_SERVER_SUPPORT\nint c;\n#endif\n").unwrap();
        fs::write(&text, "#ifdef HAVE_SERVER_SUPPORT\n").unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            fs::set_permissions(&good, fs::Permissions::from_mode(0o640)).unwrap();
        }
        let code = run(&argv(&["-UHAVE_SERVER_SUPPORT", "--in-place"], &dir));
        assert_eq!(code, 2, "one file has an error");
        assert_eq!(fs::read_to_string(&good).unwrap(), "client();\n");
        assert_eq!(fs::read_to_string(&other).unwrap(), "int c;\n");
        assert_eq!(
            fs::read_to_string(&bad).unwrap(),
            "#ifdef HAVE_SERVER_SUPPORT\nunterminated();\n"
        );
        assert_eq!(
            fs::read_to_string(&text).unwrap(),
            "#ifdef HAVE_SERVER_SUPPORT\n"
        );
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            assert_eq!(
                fs::metadata(&good).unwrap().permissions().mode() & 0o777,
                0o640
            );
        }
        let leftovers: Vec<_> = fs::read_dir(&dir)
            .unwrap()
            .filter_map(|e| e.ok())
            .filter(|e| e.file_name().to_string_lossy().starts_with('.'))
            .collect();
        assert!(leftovers.is_empty(), "temporary files left behind");
        let _ = fs::remove_dir_all(&dir);
    }

    #[test]
    fn exit_status_conventions_and_backups() {
        let dir = scratch("status");
        let file = dir.join("a.c");
        fs::write(&file, "#if 0\nold();\n#endif\nnew();\n").unwrap();
        // Without -k the constant #if is left alone: unchanged, status 0 (1 with -x1).
        let single = |args: &[&str]| {
            let mut v: Vec<OsString> = args.iter().map(OsString::from).collect();
            v.push(file.as_os_str().to_owned());
            run(&v)
        };
        assert_eq!(single(&["-m"]), 0);
        assert_eq!(single(&["-m", "-x1"]), 1);
        assert_eq!(single(&["-k", "-M", ".orig"]), 1);
        assert_eq!(fs::read_to_string(&file).unwrap(), "new();\n");
        assert_eq!(
            fs::read_to_string(dir.join("a.c.orig")).unwrap(),
            "#if 0\nold();\n#endif\nnew();\n"
        );
        assert_eq!(single(&["-b", "-B"]), 2);
        assert_eq!(single(&["-x", "3"]), 2);
        let _ = fs::remove_dir_all(&dir);
    }
}

//! Each fixture `NAME.c` is processed with the flags on the first line of `NAME.args`; the
//! result must be `NAME.expected` and the exit status the `exit N` on its second line. For
//! failing inputs `NAME.expected` holds the diagnostic. The expectations are unifdef 2.10's:
//! when it is installed, it must give them too.

mod common;

#[test]
fn fixtures_give_expected_output_and_status() {
    let fixtures = common::fixtures();
    assert!(fixtures.len() >= 10, "fixtures missing");
    let mut failures = Vec::new();
    for f in &fixtures {
        let (output, exit) = common::run_ours(&f.args, &f.input, &f.file_name);
        if output != f.expected || exit != f.exit {
            failures.push(format!(
                "{}: exit {exit} (want {}), output:\n{}\nwant:\n{}",
                f.name,
                f.exit,
                String::from_utf8_lossy(&output),
                String::from_utf8_lossy(&f.expected)
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n---\n"));
}

/// The installed unifdef gives each fixture's expected output and exit status. On an error it
/// prints partial output and its own line numbers, so there only the status and the message
/// (without our `LINE: ` prefix) are compared.
#[test]
fn fixtures_are_what_unifdef_gives() {
    if !common::have_unifdef() {
        eprintln!("unifdef not installed: fixtures not checked against it");
        return;
    }
    let mut failures = Vec::new();
    for f in &common::fixtures() {
        let theirs = common::run_unifdef_capturing_errors(&f.args, &f.dir, &f.file_name);
        let agrees = if f.exit == 2 {
            let expected = String::from_utf8_lossy(&f.expected);
            let message = expected
                .split_once(": ")
                .map_or(&*expected, |(_, m)| m)
                .trim();
            theirs.exit == 2 && String::from_utf8_lossy(&theirs.stderr).contains(message)
        } else {
            theirs.exit == f.exit && theirs.stdout == f.expected
        };
        if !agrees {
            failures.push(format!(
                "{}: unifdef exit {} (want {}), output:\n{}{}",
                f.name,
                theirs.exit,
                f.exit,
                String::from_utf8_lossy(&theirs.stdout),
                String::from_utf8_lossy(&theirs.stderr)
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n---\n"));
}

#[test]
fn errors_leave_no_output_and_say_where() {
    let mut options = unifdef::Options::default();
    options.symbols.undefine("HAVE_SERVER_SUPPORT");
    let err = unifdef::strip(
        b"#ifdef HAVE_SERVER_SUPPORT\nint s;\n#else\nint c;\n",
        &options,
    )
    .unwrap_err();
    assert_eq!(err.to_string(), "5: Premature EOF (#if line 1 depth 1)");
    let err = unifdef::strip(b"int a;\n#else\n", &options).unwrap_err();
    assert_eq!(err.to_string(), "2: Inappropriate #else");
}

#[test]
fn removed_lines_are_physical_line_numbers() {
    let mut options = unifdef::Options::default();
    options.symbols.define("UPSTREAM_LINUX", None);
    let text = b"a\n#ifndef UPSTREAM_LINUX\nb\nc\n#endif\nd\n";
    let out = unifdef::strip(text, &options).unwrap();
    assert_eq!(out.text, b"a\nd\n");
    assert_eq!(out.removed_lines, vec![2, 3, 4, 5]);
    assert!(out.altered);
}

#[test]
fn elif_rewrites_keep_unifdef_bytes() {
    let mut options = unifdef::Options::default();
    options.symbols.undefine("A");
    options.symbols.define("B", None);
    // First branch false, second unknown: `#elif` becomes `#if` padded to the same length.
    let out = unifdef::strip(b"#ifdef A\na\n#elif C\nc\n#endif\n", &options).unwrap();
    assert_eq!(out.text, b"#if   C\nc\n#endif\n");
    // First branch unknown, second true: the `#elif` becomes a bare `#else`.
    let out = unifdef::strip(
        b"#if C\nc\n#elif B /* b */\nb\n#else\nx\n#endif\n",
        &options,
    )
    .unwrap();
    assert_eq!(out.text, b"#if C\nc\n#else\nb\n#endif\n");
}

#[test]
fn partially_known_expressions_pass_unchanged() {
    // unifdef 2.10 does not simplify: the directive is kept as written.
    let mut options = unifdef::Options::default();
    options.symbols.define("A", None);
    let text = b"#if defined(A) && defined(B)\nx\n#endif\n";
    assert_eq!(unifdef::strip(text, &options).unwrap().text, text);
}

#[test]
fn symbol_listing() {
    let text = b"#ifdef A\n#if defined(B) && C > 2\n#endif\n#endif\n";
    let options = unifdef::Options::default();
    let lines = unifdef::list_symbols(text, &options, unifdef::ListStyle::Lines).unwrap();
    assert_eq!(lines, b"A\nB\nC\n");
    let one = unifdef::list_symbols(text, &options, unifdef::ListStyle::OneLine).unwrap();
    assert_eq!(one, b" A B C\n");
}

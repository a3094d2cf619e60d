//! Conditional stripping as a library step (issue 6): strip `#if` blocks from a source text
//! with unifdef 2.10's semantics, in memory, so that a conversion can strip and then run its
//! rules without intermediate files.
//!
//! ```
//! let options = cocci::strip::options_from_args(["-k", "-UHAVE_SERVER_SUPPORT", "-DUPSTREAM_LINUX"]).unwrap();
//! let text = b"#ifdef HAVE_SERVER_SUPPORT\nint server;\n#endif\nint client;\n";
//! let stripped = cocci::strip::strip(text, &options).unwrap();
//! assert_eq!(stripped.text, b"int client;\n");
//! assert_eq!(stripped.removed_lines, vec![1, 2, 3]);
//! ```

use std::ffi::OsString;

pub use unifdef::{
    Diagnostic as StripError, ListStyle, Options as StripOptions, Stripped, Symbols,
};

/// Strips `text`. On error (unbalanced or obfuscated conditionals, unterminated literals) the
/// caller should use the text unchanged; the error says where (`LINE: message`).
pub fn strip(text: &[u8], options: &StripOptions) -> Result<Stripped, StripError> {
    unifdef::strip(text, options)
}

/// Options from unifdef-style arguments: `-DSYM`, `-DSYM=VAL`, `-USYM`, `-iDSYM`, `-f FILE`,
/// `-k`, `-K`, `-B`, ... (e.g. the lines of a symbols file). Operands and output flags are
/// rejected: only what changes the stripped text is meaningful here.
pub fn options_from_args<I, S>(args: I) -> Result<StripOptions, String>
where
    I: IntoIterator<Item = S>,
    S: Into<OsString>,
{
    let argv: Vec<OsString> = args.into_iter().map(Into::into).collect();
    match unifdef::args::parse(&argv) {
        Ok(unifdef::args::Parsed::Run(config)) => {
            if !config.operands.is_empty() || config.output.is_some() || config.in_place {
                return Err("only symbol and processing flags are accepted".to_string());
            }
            Ok(config.options)
        }
        Ok(_) => Err("-h and -V are not processing flags".to_string()),
        Err(e) => Err(if e.message.is_empty() {
            "bad argument".to_string()
        } else {
            e.message
        }),
    }
}

/// Options from the text of a symbols file: `-D`/`-U` arguments separated by whitespace, as in
/// the Lustre conversion's symbol list, plus any `extra` flags (such as `-k`).
pub fn options_from_symbols_text(text: &str, extra: &[&str]) -> Result<StripOptions, String> {
    options_from_args(extra.iter().copied().chain(text.split_whitespace()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn symbols_text_and_flags() {
        let options = options_from_symbols_text(
            "-UHAVE_SERVER_SUPPORT\n-DLUSTRE_VERSION_CODE=21353\n",
            &["-k"],
        )
        .unwrap();
        assert!(options.process_constants);
        let text = b"#if LUSTRE_VERSION_CODE >= 21353\nnew();\n#else\nold();\n#endif\n";
        assert_eq!(strip(text, &options).unwrap().text, b"new();\n");
        assert!(options_from_args(["-DA", "file.c"]).is_err());
        assert!(options_from_args(["-DA-B"]).is_err());
    }

    #[test]
    fn errors_say_where() {
        let options = options_from_args(["-DA"]).unwrap();
        let err = strip(b"#ifdef A\nx\n", &options).unwrap_err();
        assert_eq!(err.line, 3);
        assert!(err.message.contains("Premature EOF"));
    }
}

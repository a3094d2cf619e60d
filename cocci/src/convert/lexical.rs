//! Token-level edits: renames, include maps and deleted definitions. They work on c-parser's
//! tokens, so an identifier is only ever a whole identifier in code, in a `#define` body or in
//! an `#if` expression; comments and string literals are tokens of their own and are left
//! alone (a sed expression cannot tell them apart).

use super::profile::{IncludeAction, Profile};
use super::StepOutcome;
use c_parser::{LexMode, SyntaxKind};
use std::ops::Range;

/// A token of the text with its byte range.
#[derive(Clone, Debug)]
pub struct Tok {
    pub kind: SyntaxKind,
    pub range: Range<usize>,
}

/// The tokens of `text` (directives are one token each).
pub fn tokens(text: &str) -> Vec<Tok> {
    let mut at = 0;
    c_parser::lex(text, LexMode::C)
        .into_iter()
        .map(|t| {
            let range = at..at + t.len as usize;
            at = range.end;
            Tok {
                kind: t.kind,
                range,
            }
        })
        .collect()
}

/// A directive's keyword (`define`, `include`, `if`, ...) and the offset just after it.
pub fn directive_keyword(directive: &str) -> Option<(&str, usize)> {
    let hash = directive.find('#')?;
    let rest = &directive[hash + 1..];
    let skipped = rest.len() - rest.trim_start_matches([' ', '\t']).len();
    let start = hash + 1 + skipped;
    let len = directive[start..]
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .unwrap_or(directive.len() - start);
    (len > 0).then(|| (&directive[start..start + len], start + len))
}

/// One replacement of a byte range.
#[derive(Clone, Debug)]
pub struct Edit {
    pub range: Range<usize>,
    pub text: String,
}

/// Applies sorted, non-overlapping edits.
pub fn apply_edits(text: &str, edits: &[Edit]) -> String {
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for e in edits {
        out.push_str(&text[at..e.range.start]);
        out.push_str(&e.text);
        at = e.range.end;
    }
    out.push_str(&text[at..]);
    out
}

/// Renames, include rewrites and definition deletions over one file.
pub fn names_step(text: &str, profile: &Profile) -> StepOutcome {
    let toks = tokens(text);
    let mut edits = Vec::new();
    let mut sites = 0;
    let mut deleted_up_to = 0;
    for (i, t) in toks.iter().enumerate() {
        if t.range.start < deleted_up_to {
            continue;
        }
        match t.kind {
            SyntaxKind::IDENT => {
                let name = &text[t.range.clone()];
                let deleted = profile
                    .delete_definitions
                    .matches(name)
                    .then(|| super::inline_defs::inline_definition_lines(text, &toks, i))
                    .flatten()
                    .filter(|lines| {
                        edits
                            .last()
                            .is_none_or(|e: &Edit| e.range.end <= lines.start)
                    });
                if let Some(lines) = deleted {
                    deleted_up_to = lines.end;
                    edits.push(Edit {
                        range: lines,
                        text: String::new(),
                    });
                    sites += 1;
                } else if let Some(e) = rename(text, &toks, i, profile) {
                    edits.push(e);
                    sites += 1;
                }
            }
            SyntaxKind::DIRECTIVE => {
                let directive = &text[t.range.clone()];
                let line_end = match toks.get(i + 1) {
                    Some(n) if n.kind == SyntaxKind::NEWLINE => n.range.end,
                    _ => t.range.end,
                };
                let before = edits.len();
                directive_edits(directive, t.range.start, line_end, profile, &mut edits);
                sites += edits.len() - before;
            }
            _ => {}
        }
    }
    let new_text = (!edits.is_empty()).then(|| apply_edits(text, &edits));
    StepOutcome {
        new_text,
        sites,
        ..StepOutcome::default()
    }
}

/// The edits for one directive starting at `offset`; `line_end` is past its newline.
fn directive_edits(
    directive: &str,
    offset: usize,
    line_end: usize,
    profile: &Profile,
    edits: &mut Vec<Edit>,
) {
    let Some((keyword, after)) = directive_keyword(directive) else {
        return;
    };
    match keyword {
        "include" => {
            if let Some(e) = include_edit(directive, after, offset, line_end, profile) {
                edits.push(e);
            }
        }
        "define" | "undef" => {
            let body = &directive[after..];
            let name_start = after + body.len() - body.trim_start().len();
            let name_len = directive[name_start..]
                .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                .unwrap_or(directive.len() - name_start);
            let name = &directive[name_start..name_start + name_len];
            // A renamed name is the kernel's from now on: the project's own definition of the
            // old one (a compat shim such as `#define llcrypt_init() 0`, or
            // `#define cfs_timer_cb_arg_t struct timer_list *`) would, renamed, redefine the
            // kernel's or stop being a definition at all.
            let renamed = profile.renames.lookup(name).is_some_and(|to| to != name);
            if (keyword == "define" && profile.delete_definitions.matches(name)) || renamed {
                edits.push(Edit {
                    range: offset..line_end,
                    text: String::new(),
                });
                return;
            }
            rename_inside(directive, after, offset, profile, edits);
        }
        "if" | "elif" | "ifdef" | "ifndef" => {
            rename_inside(directive, after, offset, profile, edits)
        }
        _ => {}
    }
}

/// Renames the identifiers of a directive after its keyword.
fn rename_inside(
    directive: &str,
    after: usize,
    offset: usize,
    profile: &Profile,
    edits: &mut Vec<Edit>,
) {
    let rest = &directive[after..];
    let toks = tokens(rest);
    for (i, t) in toks.iter().enumerate() {
        if t.kind == SyntaxKind::IDENT {
            if let Some(mut e) = rename(rest, &toks, i, profile) {
                e.range = e.range.start + offset + after..e.range.end + offset + after;
                edits.push(e);
            }
        }
    }
}

/// The rename of identifier token `i` of `toks` (over `text`).
///
/// A replacement that ends with the name itself (`struct posix_acl_xattr_header`,
/// `d_u.d_alias`) is not applied where the code already has its leading tokens, so that a
/// second run, or code already in the new form, is left alone.
fn rename(text: &str, toks: &[Tok], i: usize, profile: &Profile) -> Option<Edit> {
    let t = &toks[i];
    let name = &text[t.range.clone()];
    let to = profile.renames.lookup(name)?;
    if to == name {
        return None;
    }
    let to_toks: Vec<String> = significant(&to, &tokens(&to));
    if to_toks.len() > 1 && to_toks.last().map(String::as_str) == Some(name) {
        let prefix = &to_toks[..to_toks.len() - 1];
        let before: Vec<String> = significant(text, &toks[..i]);
        if before.len() >= prefix.len() && before[before.len() - prefix.len()..] == *prefix {
            return None;
        }
    }
    // `cfs_timer_cb_arg_t data` -> `struct timer_list *data`, not `struct timer_list * data`.
    let mut end = t.range.end;
    if to.ends_with('*') && text[end..].starts_with(' ') {
        let next = text[end + 1..].chars().next();
        if next.is_some_and(|c| c.is_ascii_alphabetic() || c == '_') {
            end += 1;
        }
    }
    Some(Edit {
        range: t.range.start..end,
        text: to,
    })
}

/// The text of the tokens that are not trivia.
fn significant(text: &str, toks: &[Tok]) -> Vec<String> {
    toks.iter()
        .filter(|t| !t.kind.is_trivia())
        .map(|t| text[t.range.clone()].to_string())
        .collect()
}

/// The edit for an `#include` whose path the profile maps.
fn include_edit(
    directive: &str,
    after: usize,
    offset: usize,
    line_end: usize,
    profile: &Profile,
) -> Option<Edit> {
    let rest = &directive[after..];
    let open = rest.find(['<', '"'])?;
    let close_char = if rest.as_bytes()[open] == b'<' {
        '>'
    } else {
        '"'
    };
    let close = rest[open + 1..].find(close_char)? + open + 1;
    let path = &rest[open + 1..close];
    let (action, target) = profile.includes.find(path)?;
    let start = offset + after + open + 1;
    match action {
        IncludeAction::Rewrite => {
            let target = target?;
            (target != path).then(|| Edit {
                range: start..start + path.len(),
                text: target,
            })
        }
        IncludeAction::Delete => Some(Edit {
            range: offset..line_end,
            text: String::new(),
        }),
        IncludeAction::Replace(lines) => Some(Edit {
            range: offset..offset + directive.len(),
            text: lines.join("\n"),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn profile(toml: &str) -> Profile {
        super::super::profile::parse(Path::new("p.toml"), toml).unwrap()
    }

    fn run(p: &Profile, text: &str) -> String {
        names_step(text, p)
            .new_text
            .unwrap_or_else(|| text.to_string())
    }

    #[test]
    fn renames_code_define_bodies_and_conditions_not_comments_or_strings() {
        let p = profile("[renames]\ncb_arg_t = \"struct timer_list *\"\nCDEBUG_ENABLED = \"CONFIG_CDEBUG_ENABLED\"\n\"*llcrypt*\" = \"*fscrypt*\"\n");
        let text = "/* llcrypt_init: CDEBUG_ENABLED */\n#ifdef CDEBUG_ENABLED\n\
                    #define LL_CRYPT(x) llcrypt_has(x) /* llcrypt */\n#endif\n\
                    static const char *n = \"llcrypt_info\";\nint f(void) { return llcrypt_init(); }\nvoid cb(cb_arg_t data);\n";
        assert_eq!(
            run(&p, text),
            "/* llcrypt_init: CDEBUG_ENABLED */\n#ifdef CONFIG_CDEBUG_ENABLED\n\
             #define LL_CRYPT(x) fscrypt_has(x) /* llcrypt */\n#endif\n\
             static const char *n = \"llcrypt_info\";\nint f(void) { return fscrypt_init(); }\nvoid cb(struct timer_list *data);\n"
        );
    }

    #[test]
    fn replacement_ending_in_the_name_is_not_applied_twice() {
        let p = profile(
            "[renames]\nposix_acl_xattr_header = \"struct posix_acl_xattr_header\"\nd_alias = \"d_u.d_alias\"\n",
        );
        let text = "posix_acl_xattr_header *h;\nstruct posix_acl_xattr_header *g;\nx = d->d_alias.next;\ny = d->d_u.d_alias.next;\n";
        let once = run(&p, text);
        assert_eq!(
            once,
            "struct posix_acl_xattr_header *h;\nstruct posix_acl_xattr_header *g;\nx = d->d_u.d_alias.next;\ny = d->d_u.d_alias.next;\n"
        );
        assert_eq!(run(&p, &once), once);
    }

    #[test]
    fn includes_are_rewritten_deleted_or_replaced() {
        let p = profile(
            "[[includes]]\npath = \"libcfs/*\"\nto = \"linux/libcfs/*\"\n\
             [[includes]]\npath = \"libcfs/crypto/llcrypt.h\"\nto = \"linux/fscrypt.h\"\n\
             [[includes]]\npath = \"lustre_compat.h\"\ndelete = true\n\
             [[includes]]\npath = \"curproc.h\"\nreplace = [\"typedef u32 cfs_cap_t;\"]\n",
        );
        let text = "#include <libcfs/libcfs.h>\n#include <libcfs/crypto/llcrypt.h>\n\
                    #include <lustre_compat.h>\n# include \"curproc.h\"\nint x;\n";
        assert_eq!(
            run(&p, text),
            "#include <linux/libcfs/libcfs.h>\n#include <linux/fscrypt.h>\n\
             typedef u32 cfs_cap_t;\nint x;\n"
        );
    }

    #[test]
    fn inline_definitions_of_deleted_names_are_deleted() {
        let p = profile("[definitions]\ndelete = [\"cfs_time_seconds\"]\n");
        let text = "/* seconds to jiffies */\n\
                    static inline unsigned long cfs_time_seconds(time64_t seconds)\n\
                    {\n\treturn nsecs_to_jiffies64(seconds * NSEC_PER_SEC);\n}\n\n\
                    unsigned long cfs_time_seconds(time64_t seconds);\n\
                    static inline int later(void) { return cfs_time_seconds(1); }\n";
        assert_eq!(
            run(&p, text),
            "/* seconds to jiffies */\n\n\
             unsigned long cfs_time_seconds(time64_t seconds);\n\
             static inline int later(void) { return cfs_time_seconds(1); }\n"
        );
    }

    #[test]
    fn definitions_of_renamed_names_are_deleted() {
        let p = profile(
            "[renames]\ncfs_timer_cb_arg_t = \"struct timer_list *\"\n\"*llcrypt*\" = \"*fscrypt*\"\n",
        );
        let text = "#define cfs_timer_cb_arg_t struct timer_list *\n\
                    #define llcrypt_init()\t\t\t0\n\
                    #undef llcrypt_init\n\
                    #define LL_HAS_CRYPT llcrypt_has(x)\n\
                    #ifdef llcrypt_init\n#endif\n\
                    static void cb(cfs_timer_cb_arg_t data);\n";
        assert_eq!(
            run(&p, text),
            "#define LL_HAS_CRYPT fscrypt_has(x)\n#ifdef fscrypt_init\n#endif\n\
             static void cb(struct timer_list *data);\n"
        );
    }

    #[test]
    fn definitions_are_deleted_with_their_continuation_lines() {
        let p = profile("[definitions]\ndelete = [\"OBD_ALLOC*\"]\n");
        let text = "#define OBD_ALLOC(ptr, size) \\\n\tdo { } while (0)\n#define OBD_FREE(p) x\n#undef OBD_ALLOC\n";
        assert_eq!(run(&p, text), "#define OBD_FREE(p) x\n#undef OBD_ALLOC\n");
    }
}

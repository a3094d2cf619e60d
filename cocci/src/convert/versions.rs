//! Version numbers made literal so that unifdef can decide `#if CODE < MACRO(2, 14, 53, 0)`:
//! unifdef knows `CODE` from a `-D` but not the function-like macro. A call with literal
//! arguments and a fix level of 0 becomes the decimal number that the profile's `-DCODE=...`
//! uses: the major number, then minor and patch as two digits each (`2, 14, 53, 0` → 21453,
//! `3, 0, 53, 0` → 30053), the encoding of Lustre's copy-client script.

use super::lexical::{apply_edits, directive_keyword, tokens, Edit, Tok};
use super::profile::Versions;
use super::StepOutcome;
use crate::driver::FileNote;
use c_parser::SyntaxKind;

/// Normalises the version calls of the `#if`/`#elif` lines that name the compared symbol.
pub fn versions_step(text: &str, versions: &Versions) -> StepOutcome {
    let mut edits = Vec::new();
    let mut notes = Vec::new();
    for t in tokens(text) {
        if t.kind != SyntaxKind::DIRECTIVE {
            continue;
        }
        let directive = &text[t.range.clone()];
        let Some((keyword, after)) = directive_keyword(directive) else {
            continue;
        };
        if keyword != "if" && keyword != "elif" {
            continue;
        }
        let rest = &directive[after..];
        let toks = tokens(rest);
        let idents = |name: &str| {
            toks.iter()
                .any(|x| x.kind == SyntaxKind::IDENT && &rest[x.range.clone()] == name)
        };
        if !idents(&versions.compared_with) {
            continue;
        }
        let significant: Vec<&Tok> = toks.iter().filter(|x| !x.kind.is_trivia()).collect();
        for (i, x) in significant.iter().enumerate() {
            if x.kind != SyntaxKind::IDENT || rest[x.range.clone()] != versions.macro_name {
                continue;
            }
            let shift = t.range.start + after;
            match literal_call(rest, &significant[i + 1..]) {
                Some((parts, end)) => match decimal(&parts) {
                    Some(n) => edits.push(Edit {
                        range: x.range.start + shift..end + shift,
                        text: n,
                    }),
                    None => notes.push(FileNote::at_offset(
                        text,
                        t.range.start,
                        format!(
                            "{}: version {} has no decimal form (fix level not 0, or a part above 99); the #if is left",
                            versions.macro_name,
                            parts.iter().map(u64::to_string).collect::<Vec<_>>().join(".")
                        ),
                    )),
                },
                None => notes.push(FileNote::at_offset(
                    text,
                    t.range.start,
                    format!(
                        "{}: arguments are not four integer literals; the #if is left",
                        versions.macro_name
                    ),
                )),
            }
        }
    }
    StepOutcome {
        sites: edits.len(),
        new_text: (!edits.is_empty()).then(|| apply_edits(text, &edits)),
        notes,
        ..StepOutcome::default()
    }
}

/// `( a , b , c , d )` with integer literals: the numbers and the offset after `)`.
fn literal_call(text: &str, toks: &[&Tok]) -> Option<(Vec<u64>, usize)> {
    if toks.first()?.kind != SyntaxKind::L_PAREN {
        return None;
    }
    let mut parts = Vec::new();
    let mut i = 1;
    loop {
        let number = toks.get(i)?;
        if number.kind != SyntaxKind::INT_NUMBER {
            return None;
        }
        parts.push(text[number.range.clone()].parse().ok()?);
        let sep = toks.get(i + 1)?;
        match sep.kind {
            SyntaxKind::COMMA => i += 2,
            SyntaxKind::R_PAREN => return Some((parts, sep.range.end)),
            _ => return None,
        }
    }
}

fn decimal(parts: &[u64]) -> Option<String> {
    match parts {
        [major, minor, patch, 0] if *minor < 100 && *patch < 100 => {
            Some(format!("{major}{minor:02}{patch:02}"))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn versions() -> Versions {
        Versions {
            macro_name: "OBD_OCD_VERSION".into(),
            compared_with: "LUSTRE_VERSION_CODE".into(),
        }
    }

    #[test]
    fn calls_on_lines_naming_the_code_become_numbers() {
        let text = "#if LUSTRE_VERSION_CODE < OBD_OCD_VERSION(2, 14, 53, 0)\nx\n\
                    #elif LUSTRE_VERSION_CODE >= OBD_OCD_VERSION(3,0,5,0)\ny\n#endif\n\
                    #define V OBD_OCD_VERSION(2, 14, 53, 0)\nz = OBD_OCD_VERSION(1, 2, 3, 0);\n";
        let out = versions_step(text, &versions());
        assert_eq!(out.sites, 2);
        assert_eq!(
            out.new_text.unwrap(),
            "#if LUSTRE_VERSION_CODE < 21453\nx\n#elif LUSTRE_VERSION_CODE >= 30005\ny\n#endif\n\
             #define V OBD_OCD_VERSION(2, 14, 53, 0)\nz = OBD_OCD_VERSION(1, 2, 3, 0);\n"
        );
    }

    #[test]
    fn calls_without_a_decimal_form_are_reported() {
        let text = "\n#if LUSTRE_VERSION_CODE < OBD_OCD_VERSION(2, 14, 53, 1)\n#endif\n\
                    #if LUSTRE_VERSION_CODE < OBD_OCD_VERSION(MAJ, 14, 53, 0)\n#endif\n";
        let out = versions_step(text, &versions());
        assert!(out.new_text.is_none());
        assert_eq!(out.notes.len(), 2);
        assert_eq!(out.notes[0].line, 2);
        assert!(
            out.notes[0].message.contains("2.14.53.1"),
            "{:?}",
            out.notes
        );
    }
}

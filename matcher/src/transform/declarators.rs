//! Declarations in added code built from a type metavariable and several names (`T a, b;`)
//! or an array type (`T x;` with `T` bound to `char [16]`): each name gets its own declarator.

/// `T a, b;` with T a type metavariable: spatch writes one declaration per declarator
/// (`int *a;` and `int *b;`, each with T's pointers and dimensions), on lines of their own.
pub(super) fn distribute_declarators(raw: &str, type_placeholders: &[&str]) -> Option<String> {
    let content = raw.trim();
    let indent = raw
        .lines()
        .find(|l| !l.trim().is_empty())
        .map_or("", |l| &l[..l.len() - l.trim_start().len()]);
    let ty = type_placeholders.iter().find(|t| {
        content
            .strip_prefix(**t)
            .is_some_and(|r| r.starts_with(' '))
    })?;
    let names = content[ty.len()..].trim().strip_suffix(';')?;
    let names: Vec<&str> = names.split(',').map(str::trim).collect();
    let plain = |n: &str| {
        !n.is_empty()
            && n.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
            && !n.starts_with(|c: char| c.is_ascii_digit())
    };
    if names.len() < 2 || !names.iter().all(|n| plain(n)) {
        return None;
    }
    let lead = &raw[..raw.len() - raw.trim_start().len()];
    let trail = &raw[raw.trim_end().len()..];
    let decls: Vec<String> = names.iter().map(|n| format!("{ty} {n};")).collect();
    Some(format!(
        "{lead}{}{trail}",
        decls.join(&format!("\n{indent}"))
    ))
}

/// An array type's text split before its dimensions: `char [2]` gives `char` and `[2]`.
pub(super) fn array_suffix(text: &str) -> (&str, &str) {
    match text.find('[') {
        Some(at) if text.ends_with(']') => (text[..at].trim_end(), &text[at..]),
        _ => (text, ""),
    }
}

/// Code with `suffix` written after the name a type placeholder declares (`T p` with T an
/// array type gives `char p[2]`), past attributes around the name (`__` names, with their
/// arguments); unchanged when no name follows (`sizeof(T)`), where the suffix then stays
/// with the type.
pub(super) fn place_after_declared_name(code: &str, placeholder: &str, suffix: &str) -> String {
    let Some(at) = code.find(placeholder) else {
        return code.to_string();
    };
    let after = at + placeholder.len();
    // `T *p` with T an array type is a pointer to an array: `int (*p)[45]`.
    let stars_at = after + (code[after..].len() - code[after..].trim_start().len());
    let stars = code[stars_at..].len() - code[stars_at..].trim_start_matches('*').len();
    let after = stars_at + stars;
    // The words after the type, each with the end of its argument group if it has one.
    let mut words: Vec<(std::ops::Range<usize>, usize)> = Vec::new();
    let mut i = after;
    loop {
        i += code[i..].len() - code[i..].trim_start().len();
        let rest = &code[i..];
        let len = rest
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .unwrap_or(rest.len());
        if len == 0 || rest.as_bytes()[0].is_ascii_digit() {
            break;
        }
        let word = i..i + len;
        let next = word.end + (code[word.end..].len() - code[word.end..].trim_start().len());
        let end = match code[word.clone()].starts_with("__") && code[next..].starts_with('(') {
            true => balanced_end(code, next),
            false => word.end,
        };
        words.push((word, end));
        i = end;
    }
    let name = words
        .iter()
        .find(|(w, _)| !code[w.clone()].starts_with("__"))
        .or(words.last());
    let insert_at = name.map_or(after, |(w, _)| w.end);
    match name {
        Some((w, _)) if stars > 0 => format!(
            "{}({}){suffix}{}",
            &code[..stars_at],
            &code[stars_at..w.end],
            &code[w.end..]
        ),
        _ => format!("{}{suffix}{}", &code[..insert_at], &code[insert_at..]),
    }
}

/// The offset just past the `)` closing the group opened at `open`.
fn balanced_end(code: &str, open: usize) -> usize {
    let mut depth = 0usize;
    for (off, c) in code[open..].char_indices() {
        match c {
            '(' => depth += 1,
            ')' => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    return open + off + 1;
                }
            }
            _ => {}
        }
    }
    code.len()
}

#[cfg(test)]
mod array_type_tests {
    use super::place_after_declared_name;

    #[test]
    fn dimensions_go_after_the_declared_name() {
        let p = "rcocciMV0x";
        assert_eq!(
            place_after_declared_name("rcocciMV0x buf;", p, "[2]"),
            "rcocciMV0x buf[2];"
        );
        assert_eq!(
            place_after_declared_name("rcocciMV0x __attribute__((used)) buf;", p, "[2]"),
            "rcocciMV0x __attribute__((used)) buf[2];"
        );
        assert_eq!(
            place_after_declared_name("rcocciMV0x buf __used;", p, "[2]"),
            "rcocciMV0x buf[2] __used;"
        );
        // A pointer to the array type.
        assert_eq!(
            place_after_declared_name("rcocciMV0x *tbl;", p, "[16]"),
            "rcocciMV0x (*tbl)[16];"
        );
        // No name: the dimensions stay with the type.
        assert_eq!(
            place_after_declared_name("sizeof(rcocciMV0x)", p, "[2]"),
            "sizeof(rcocciMV0x[2])"
        );
    }
}

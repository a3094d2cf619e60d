//! The code a `field list` metavariable stands for in added code: its fields as spatch
//! prints them, one per line with the conditional-compilation lines among them (an
//! `#ifdef` just inside the `{`, an `#endif` just before the `}`), comments and blank lines
//! left out.

use c_parser::{SyntaxElement, SyntaxKind, SyntaxToken};

fn first_token(el: &SyntaxElement) -> Option<SyntaxToken> {
    match el {
        SyntaxElement::Token(t) => Some(t.clone()),
        SyntaxElement::Node(n) => n.first_token(),
    }
}

fn last_token(el: &SyntaxElement) -> Option<SyntaxToken> {
    match el {
        SyntaxElement::Token(t) => Some(t.clone()),
        SyntaxElement::Node(n) => n.last_token(),
    }
}

/// The directive lines among the trivia next to a token, in text order, going back
/// (`forward` false) or on; and the first code token met.
fn directives_beside(from: &SyntaxToken, forward: bool) -> (Vec<SyntaxToken>, Option<SyntaxToken>) {
    let mut found = Vec::new();
    let mut at = if forward {
        from.next_token()
    } else {
        from.prev_token()
    };
    while let Some(t) = at {
        if !t.kind().is_trivia() {
            if !forward {
                found.reverse();
            }
            return (found, Some(t));
        }
        if t.kind() == SyntaxKind::DIRECTIVE {
            found.push(t.clone());
        }
        at = if forward {
            t.next_token()
        } else {
            t.prev_token()
        };
    }
    if !forward {
        found.reverse();
    }
    (found, None)
}

/// The text of the fields `els` (consecutive elements of a structure's field list); `None`
/// when there are none.
pub(crate) fn field_list_text(els: &[SyntaxElement]) -> Option<String> {
    let first = first_token(els.first()?)?;
    let last = last_token(els.last()?)?;
    let (leading, _) = directives_beside(&first, false);
    let (trailing, next) = directives_beside(&last, true);
    let closes_list = next.is_some_and(|t| t.kind() == SyntaxKind::R_BRACE);
    let mut text = String::new();
    for d in &leading {
        text.push_str(d.text().trim_end());
        text.push('\n');
    }
    let mut at = Some(first);
    while let Some(t) = at {
        if t.kind() != SyntaxKind::COMMENT {
            text.push_str(t.text());
        }
        if t == last {
            break;
        }
        at = t.next_token();
    }
    for d in trailing.iter().filter(|_| closes_list) {
        text.push('\n');
        text.push_str(d.text().trim_end());
    }
    let lines: Vec<&str> = text
        .lines()
        .map(str::trim_end)
        .filter(|l| !l.is_empty())
        .collect();
    Some(lines.join("\n"))
}

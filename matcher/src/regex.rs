//! `=~` / `!~` constraints. The patterns are compiled (and refused when invalid) by
//! smpl-parser when the rule file is read, on the `regex` crate: matching is linear in the
//! length of the text, whatever the pattern.

use smpl_parser::CompiledRegex;

/// Whether the constraint's pattern matches somewhere in `text`.
pub fn is_match(regex: &CompiledRegex, text: &str) -> bool {
    regex.is_match(text)
}

#[cfg(test)]
mod tests {
    use super::is_match;
    use smpl_parser::{parse_rule_file, Constraint};
    use std::path::Path;

    /// The compiled pattern of the first constraint of the first metavariable.
    fn regex_of(rule_file: &str) -> smpl_parser::CompiledRegex {
        let rf = parse_rule_file(Path::new("t.cocci"), rule_file).expect("rule file parses");
        match &rf.rules[0].metavars[0].constraints[0] {
            Constraint::Regex { regex, .. } => regex.clone(),
            other => panic!("not a regex constraint: {other:?}"),
        }
    }

    #[test]
    fn exponential_backtracking_patterns_answer_at_once() {
        let re = regex_of("@@\nidentifier f =~ \"^(a|a)*$\";\n@@\n- f();\n");
        let long = "a".repeat(41) + "b";
        assert!(!is_match(&re, &long));
        assert!(is_match(&re, &"a".repeat(41)));
    }

    #[test]
    fn very_long_identifiers_do_not_overflow_the_stack() {
        let re = regex_of("@@\nidentifier f =~ \"^(x|y)+z$\";\n@@\n- f();\n");
        let name = "xy".repeat(50_000) + "z";
        assert!(is_match(&re, &name));
        assert!(!is_match(&re, &name[..name.len() - 1]));
    }

    #[test]
    fn ocaml_regexps_option_selects_str_syntax() {
        let re = regex_of(
            "#spatch --ocaml-regexps\n@@\nidentifier f =~ \"k\\(m\\|z\\)alloc\";\n@@\n- f();\n",
        );
        assert!(is_match(&re, "kzalloc"));
        assert!(!is_match(&re, "kalloc"));
    }
}

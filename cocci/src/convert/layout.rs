//! Layout fixes a profile can ask for, applied to whole lines after the other steps.

use super::profile::Layout;
use super::StepOutcome;

/// Tabs for eight-space indentation after leading tabs, and runs of blank lines squeezed.
pub fn layout_step(text: &str, layout: Layout) -> StepOutcome {
    let mut out = String::with_capacity(text.len());
    let mut sites = 0;
    let mut previous_blank = false;
    for line in text.split_inclusive('\n') {
        let content = line.strip_suffix('\n').unwrap_or(line);
        let blank = content.is_empty();
        if layout.squeeze_blank_lines && blank && previous_blank {
            sites += 1;
            continue;
        }
        previous_blank = blank;
        if layout.indent_tabs {
            let fixed = tabs_for_spaces(line);
            if fixed != line {
                sites += 1;
            }
            out.push_str(&fixed);
        } else {
            out.push_str(line);
        }
    }
    StepOutcome {
        new_text: (out != text).then_some(out),
        sites,
        ..StepOutcome::default()
    }
}

fn tabs_for_spaces(line: &str) -> String {
    let tabs = line.len() - line.trim_start_matches('\t').len();
    let mut rest = &line[tabs..];
    let mut indent = "\t".repeat(tabs);
    while let Some(r) = rest.strip_prefix("        ") {
        indent.push('\t');
        rest = r;
        // After the converted spaces, further tabs keep counting as indentation.
        let more = rest.len() - rest.trim_start_matches('\t').len();
        indent.push_str(&rest[..more]);
        rest = &rest[more..];
    }
    indent + rest
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tabs_and_blank_lines() {
        let layout = Layout {
            indent_tabs: true,
            squeeze_blank_lines: true,
        };
        let text = "a\n\n\n\tb\n\t        c\n                d;\n   e\n";
        let out = layout_step(text, layout);
        assert_eq!(out.new_text.unwrap(), "a\n\n\tb\n\t\tc\n\t\td;\n   e\n");
        assert_eq!(out.sites, 3);
        assert!(layout_step("a\n\tb\n", layout).new_text.is_none());
    }
}

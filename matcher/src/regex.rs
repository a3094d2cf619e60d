//! A small backtracking regular-expression matcher for `=~` constraints (POSIX-like syntax
//! as OCaml's Str accepts it in rule files: `.`, `*`, `+`, `?`, `[...]`, `^`, `$`, `|`,
//! groups), searching anywhere in the text unless anchored.

#[derive(Clone, Debug)]
enum Node {
    Char(char),
    Any,
    Class(Vec<(char, char)>, bool),
    Start,
    End,
    Group(Vec<Vec<(Node, Rep)>>),
}

#[derive(Clone, Copy, Debug, PartialEq)]
enum Rep {
    One,
    Star,
    Plus,
    Opt,
}

struct Parser<'a> {
    chars: Vec<char>,
    pos: usize,
    _s: &'a str,
}

impl<'a> Parser<'a> {
    fn alts(&mut self, depth: usize) -> Vec<Vec<(Node, Rep)>> {
        let mut alts = vec![Vec::new()];
        while self.pos < self.chars.len() {
            let c = self.chars[self.pos];
            self.pos += 1;
            let node = match c {
                '|' => {
                    alts.push(Vec::new());
                    continue;
                }
                ')' if depth > 0 => return alts,
                '(' => Node::Group(self.alts(depth + 1)),
                '.' => Node::Any,
                '^' => Node::Start,
                '$' => Node::End,
                '[' => self.class(),
                '\\' if self.pos < self.chars.len() => {
                    let e = self.chars[self.pos];
                    self.pos += 1;
                    match e {
                        'd' => Node::Class(vec![('0', '9')], false),
                        'w' => {
                            Node::Class(vec![('a', 'z'), ('A', 'Z'), ('0', '9'), ('_', '_')], false)
                        }
                        's' => Node::Class(vec![(' ', ' '), ('\t', '\t'), ('\n', '\n')], false),
                        '(' | ')' | '|' => {
                            // Emacs/Str style grouping: `\(`, `\|`, `\)`.
                            if e == '(' {
                                Node::Group(self.alts(depth + 1))
                            } else if e == '|' {
                                alts.push(Vec::new());
                                continue;
                            } else if depth > 0 {
                                return alts;
                            } else {
                                Node::Char(')')
                            }
                        }
                        other => Node::Char(other),
                    }
                }
                other => Node::Char(other),
            };
            let rep = match self.chars.get(self.pos) {
                Some('*') => Rep::Star,
                Some('+') => Rep::Plus,
                Some('?') => Rep::Opt,
                _ => Rep::One,
            };
            if rep != Rep::One {
                self.pos += 1;
            }
            if let Some(last) = alts.last_mut() {
                last.push((node, rep));
            }
        }
        alts
    }

    fn class(&mut self) -> Node {
        let mut negated = false;
        if self.chars.get(self.pos) == Some(&'^') {
            negated = true;
            self.pos += 1;
        }
        let mut ranges = Vec::new();
        let mut first = true;
        while self.pos < self.chars.len() {
            let c = self.chars[self.pos];
            self.pos += 1;
            if c == ']' && !first {
                break;
            }
            first = false;
            if self.chars.get(self.pos) == Some(&'-')
                && self.chars.get(self.pos + 1).is_some_and(|&n| n != ']')
            {
                let hi = self.chars[self.pos + 1];
                self.pos += 2;
                ranges.push((c, hi));
            } else {
                ranges.push((c, c));
            }
        }
        Node::Class(ranges, negated)
    }
}

fn match_seq(
    seq: &[(Node, Rep)],
    text: &[char],
    at: usize,
    k: &mut dyn FnMut(usize) -> bool,
) -> bool {
    let Some(((node, rep), rest)) = seq.split_first() else {
        return k(at);
    };
    match rep {
        Rep::One => match_node(node, text, at, &mut |n| match_seq(rest, text, n, k)),
        Rep::Opt => {
            match_node(node, text, at, &mut |n| match_seq(rest, text, n, k))
                || match_seq(rest, text, at, k)
        }
        Rep::Star | Rep::Plus => {
            fn star(
                node: &Node,
                rest: &[(Node, Rep)],
                text: &[char],
                at: usize,
                need: bool,
                k: &mut dyn FnMut(usize) -> bool,
            ) -> bool {
                if match_node(node, text, at, &mut |n| {
                    n > at && star(node, rest, text, n, false, k)
                }) {
                    return true;
                }
                !need && match_seq(rest, text, at, k)
            }
            star(node, rest, text, at, *rep == Rep::Plus, k)
        }
    }
}

fn match_node(node: &Node, text: &[char], at: usize, k: &mut dyn FnMut(usize) -> bool) -> bool {
    match node {
        Node::Char(c) => text.get(at) == Some(c) && k(at + 1),
        Node::Any => at < text.len() && k(at + 1),
        Node::Class(ranges, negated) => match text.get(at) {
            Some(&c) => {
                let inside = ranges.iter().any(|&(lo, hi)| lo <= c && c <= hi);
                inside != *negated && k(at + 1)
            }
            None => false,
        },
        Node::Start => at == 0 && k(at),
        Node::End => at == text.len() && k(at),
        Node::Group(alts) => alts.iter().any(|a| match_seq(a, text, at, k)),
    }
}

/// Whether `pattern` matches somewhere in `text`.
pub fn is_match(pattern: &str, text: &str) -> bool {
    let mut p = Parser {
        chars: pattern.chars().collect(),
        pos: 0,
        _s: pattern,
    };
    let alts = p.alts(0);
    let group = Node::Group(alts);
    let chars: Vec<char> = text.chars().collect();
    (0..=chars.len()).any(|start| match_node(&group, &chars, start, &mut |_| true))
}

#[cfg(test)]
mod tests {
    use super::is_match;

    #[test]
    fn basic_regexes() {
        assert!(is_match("^obd_", "obd_alloc"));
        assert!(!is_match("^obd_", "my_obd_alloc"));
        assert!(is_match("alloc$", "obd_alloc"));
        assert!(is_match("^[a-z_]+$", "lov_init"));
        assert!(!is_match("^[a-z_]+$", "LOV_INIT"));
        assert!(is_match("k\\(m\\|z\\)alloc", "kzalloc"));
        assert!(is_match("(foo|bar)x", "a barx"));
        assert!(is_match("a.*b", "xxaYYbzz"));
    }
}

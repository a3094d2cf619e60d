//! Name patterns of a profile: an exact name, or a glob whose `*`s stand for any run of
//! characters and carry over into a target (`CFS_CAP_*` → `CAP_*`, `*llcrypt*` → `*fscrypt*`).
//!
//! An exact entry wins over a pattern; among patterns the one with the most literal characters
//! wins (ties: the first inserted), so the order of a TOML table does not matter.

/// Patterns with a value each, and optionally a target the matched name is rewritten to.
#[derive(Debug, Clone)]
pub struct NameMap<V> {
    exact: std::collections::HashMap<String, Entry<V>>,
    patterns: Vec<Entry<V>>,
}

#[derive(Debug, Clone)]
struct Entry<V> {
    /// The pattern split at its `*`s.
    parts: Vec<String>,
    value: V,
    target: Option<Vec<String>>,
}

impl<V> Default for NameMap<V> {
    fn default() -> Self {
        NameMap {
            exact: Default::default(),
            patterns: Vec::new(),
        }
    }
}

impl<V> NameMap<V> {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn is_empty(&self) -> bool {
        self.exact.is_empty() && self.patterns.is_empty()
    }

    /// Adds `pattern`. A target must have as many `*`s as the pattern, or none.
    pub fn insert(&mut self, pattern: &str, value: V, target: Option<&str>) -> Result<(), String> {
        if pattern.is_empty() || pattern.contains("**") || pattern == "*" {
            return Err(format!("`{pattern}` is not a usable name pattern"));
        }
        let parts: Vec<String> = pattern.split('*').map(str::to_string).collect();
        // An exact name's target is taken literally (`struct timer_list *`).
        let target_parts: Option<Vec<String>> = target.map(|t| {
            if parts.len() == 1 {
                vec![t.to_string()]
            } else {
                t.split('*').map(str::to_string).collect()
            }
        });
        if let Some(t) = &target_parts {
            if t.len() != 1 && t.len() != parts.len() {
                return Err(format!(
                    "`{pattern}` has {} `*` but its target `{}` has {}",
                    parts.len() - 1,
                    target.unwrap_or_default(),
                    t.len() - 1
                ));
            }
        }
        let entry = Entry {
            parts,
            value,
            target: target_parts,
        };
        if entry.parts.len() == 1 {
            self.exact.insert(pattern.to_string(), entry);
        } else {
            let literal = |e: &Entry<V>| e.parts.iter().map(String::len).sum::<usize>();
            let at = self
                .patterns
                .iter()
                .position(|e| literal(e) < literal(&entry))
                .unwrap_or(self.patterns.len());
            self.patterns.insert(at, entry);
        }
        Ok(())
    }

    /// The value for `name` and, if the entry has a target, `name` rewritten.
    pub fn find(&self, name: &str) -> Option<(&V, Option<String>)> {
        if let Some(e) = self.exact.get(name) {
            return Some((&e.value, e.target.as_ref().map(|t| t.concat())));
        }
        self.patterns.iter().find_map(|e| {
            let captures = glob_captures(&e.parts, name)?;
            let target = e.target.as_ref().map(|t| {
                if t.len() == 1 {
                    return t[0].clone();
                }
                let mut out = t[0].clone();
                for (capture, part) in captures.iter().zip(&t[1..]) {
                    out.push_str(capture);
                    out.push_str(part);
                }
                out
            });
            Some((&e.value, target))
        })
    }

    pub fn matches(&self, name: &str) -> bool {
        self.find(name).is_some()
    }

    /// `name` rewritten by its entry's target.
    pub fn lookup(&self, name: &str) -> Option<String> {
        self.find(name).and_then(|(_, t)| t)
    }
}

/// What each `*` of the pattern (split into `parts`) matched in `name`: the first part is a
/// prefix, the last a suffix, the middle ones are found leftmost.
fn glob_captures<'a>(parts: &[String], name: &'a str) -> Option<Vec<&'a str>> {
    let (first, rest) = parts.split_first()?;
    let (last, middle) = rest.split_last()?;
    if name.len() < first.len() + last.len() || !name.starts_with(first.as_str()) {
        return None;
    }
    if !name.ends_with(last.as_str()) {
        return None;
    }
    let end = name.len() - last.len();
    let mut at = first.len();
    let mut captures = Vec::new();
    for part in middle {
        let found = name[at..end].find(part.as_str())? + at;
        captures.push(&name[at..found]);
        at = found + part.len();
    }
    captures.push(&name[at..end]);
    Some(captures)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exact_beats_pattern_and_longer_pattern_beats_shorter() {
        let mut m = NameMap::new();
        m.insert("CFS_CAP_*", (), Some("CAP_*")).unwrap();
        m.insert("CFS_CAP_FS_*", (), Some("CAP_FS_*_B0")).unwrap();
        m.insert("CFS_CAP_FS_MASK", (), Some("CAP_FS_MASK_B0"))
            .unwrap();
        assert_eq!(m.lookup("CFS_CAP_CHOWN").as_deref(), Some("CAP_CHOWN"));
        assert_eq!(m.lookup("CFS_CAP_FS_X").as_deref(), Some("CAP_FS_X_B0"));
        assert_eq!(
            m.lookup("CFS_CAP_FS_MASK").as_deref(),
            Some("CAP_FS_MASK_B0")
        );
        assert_eq!(m.lookup("CFS_CA"), None);
    }

    #[test]
    fn stars_in_the_middle_and_at_both_ends() {
        let mut m = NameMap::new();
        m.insert("*llcrypt*", (), Some("*fscrypt*")).unwrap();
        m.insert("LL_IOC_*ENCRYPTION*", (), Some("FS_IOC_*ENCRYPTION*"))
            .unwrap();
        assert_eq!(m.lookup("llcrypt_info").as_deref(), Some("fscrypt_info"));
        assert_eq!(
            m.lookup("ll_get_llcrypt").as_deref(),
            Some("ll_get_fscrypt")
        );
        assert_eq!(
            m.lookup("LL_IOC_GET_ENCRYPTION_POLICY_EX").as_deref(),
            Some("FS_IOC_GET_ENCRYPTION_POLICY_EX")
        );
        assert_eq!(m.lookup("LL_IOC_GETFLAGS"), None);
    }

    #[test]
    fn star_counts_must_agree() {
        let mut m: NameMap<()> = NameMap::new();
        assert!(m.insert("a_*_*", (), Some("b_*")).is_err());
        assert!(m.insert("*", (), None).is_err());
        assert!(m.insert("a_*", (), Some("b")).is_ok());
        assert_eq!(m.lookup("a_x").as_deref(), Some("b"));
        m.insert("cb_arg_t", (), Some("struct timer_list *"))
            .unwrap();
        assert_eq!(m.lookup("cb_arg_t").as_deref(), Some("struct timer_list *"));
    }
}

//! Byte-range edits and their one-pass application.

use std::fmt;
use std::ops::Range;

/// Replace `range` of the original text by `replacement`. An empty range is an insertion, an
/// empty replacement a deletion. Offsets are byte offsets into the text the edit was made for.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Edit {
    pub range: Range<usize>,
    pub replacement: String,
}

impl Edit {
    pub fn replace(range: Range<usize>, replacement: impl Into<String>) -> Self {
        Edit {
            range,
            replacement: replacement.into(),
        }
    }

    pub fn delete(range: Range<usize>) -> Self {
        Edit {
            range,
            replacement: String::new(),
        }
    }

    pub fn insert(at: usize, text: impl Into<String>) -> Self {
        Edit {
            range: at..at,
            replacement: text.into(),
        }
    }

    pub fn is_insertion(&self) -> bool {
        self.range.is_empty()
    }
}

/// The edits of one match (in ruff's terms a fix): they stand or fall together.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct EditSet {
    pub edits: Vec<Edit>,
}

/// Alias in ruff's vocabulary.
pub type Fix = EditSet;

impl EditSet {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn push(&mut self, edit: Edit) {
        self.edits.push(edit);
    }

    pub fn is_empty(&self) -> bool {
        self.edits.is_empty()
    }

    /// Applies the edits to `text` (see [`apply_edits`]).
    pub fn apply(&self, text: &str) -> Result<String, EditConflict> {
        apply_edits(text, &self.edits)
    }
}

impl FromIterator<Edit> for EditSet {
    fn from_iter<I: IntoIterator<Item = Edit>>(iter: I) -> Self {
        EditSet {
            edits: iter.into_iter().collect(),
        }
    }
}

/// Why a set of edits could not be applied.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EditConflict {
    /// Two edits touch the same bytes (or an insertion falls strictly inside a replaced range).
    Overlap { first: Edit, second: Edit },
    /// An edit reaches past the end of the text or splits a UTF-8 character.
    OutOfBounds { edit: Edit, text_len: usize },
}

impl fmt::Display for EditConflict {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EditConflict::Overlap { first, second } => write!(
                f,
                "conflicting edits: bytes {}..{} and {}..{} overlap",
                first.range.start, first.range.end, second.range.start, second.range.end
            ),
            EditConflict::OutOfBounds { edit, text_len } => write!(
                f,
                "edit of bytes {}..{} does not fit a text of {} bytes",
                edit.range.start, edit.range.end, text_len
            ),
        }
    }
}

impl std::error::Error for EditConflict {}

/// Sorts the edits by position, merges identical duplicates and rejects overlaps. Insertions
/// at the same offset keep their given order; an insertion at the start of a replaced range
/// goes before it, one at its end after it.
pub fn normalize_edits(text: &str, edits: &[Edit]) -> Result<Vec<Edit>, EditConflict> {
    for edit in edits {
        let r = &edit.range;
        if r.start > r.end
            || r.end > text.len()
            || !text.is_char_boundary(r.start)
            || !text.is_char_boundary(r.end)
        {
            return Err(EditConflict::OutOfBounds {
                edit: edit.clone(),
                text_len: text.len(),
            });
        }
    }
    let mut sorted: Vec<Edit> = edits.to_vec();
    // Stable: equal keys (several insertions at one offset) keep the caller's order.
    sorted.sort_by_key(|e| (e.range.start, e.range.end));
    let mut out: Vec<Edit> = Vec::with_capacity(sorted.len());
    for edit in sorted {
        if let Some(prev) = out.last() {
            if *prev == edit && !edit.is_insertion() {
                continue;
            }
            if edit.is_insertion()
                && out
                    .iter()
                    .rev()
                    .take_while(|e| e.range == edit.range)
                    .any(|e| *e == edit)
            {
                // The same insertion at the same place, produced twice (e.g. by two
                // matches sharing an anchor): keep one.
                continue;
            }
            if edit.range.start < prev.range.end {
                return Err(EditConflict::Overlap {
                    first: prev.clone(),
                    second: edit,
                });
            }
        }
        out.push(edit);
    }
    Ok(out)
}

/// Applies edits made against `text` in one pass. Edits may come in any order; they must not
/// overlap (identical duplicates are merged).
pub fn apply_edits(text: &str, edits: &[Edit]) -> Result<String, EditConflict> {
    let edits = normalize_edits(text, edits)?;
    let grow: usize = edits.iter().map(|e| e.replacement.len()).sum();
    let mut out = String::with_capacity(text.len() + grow);
    let mut pos = 0;
    for edit in &edits {
        out.push_str(&text[pos..edit.range.start]);
        out.push_str(&edit.replacement);
        pos = edit.range.end;
    }
    out.push_str(&text[pos..]);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn applies_in_any_order() {
        let text = "int a = b + c;";
        let edits = [
            Edit::replace(12..13, "d"),
            Edit::replace(4..5, "x"),
            Edit::insert(0, "static "),
        ];
        assert_eq!(apply_edits(text, &edits).unwrap(), "static int x = b + d;");
    }

    #[test]
    fn merges_identical_duplicates() {
        let text = "foo(x);";
        let edits = [
            Edit::delete(0..3),
            Edit::delete(0..3),
            Edit::insert(0, "bar"),
            Edit::insert(0, "bar"),
        ];
        assert_eq!(apply_edits(text, &edits).unwrap(), "bar(x);");
    }

    #[test]
    fn insertions_at_one_offset_keep_order() {
        let text = "x;";
        let edits = [Edit::insert(0, "a"), Edit::insert(0, "b")];
        assert_eq!(apply_edits(text, &edits).unwrap(), "abx;");
    }

    #[test]
    fn insertion_at_range_edges_is_not_a_conflict() {
        let text = "abcdef";
        let edits = [
            Edit::insert(4, ">"),
            Edit::delete(2..4),
            Edit::insert(2, "<"),
        ];
        assert_eq!(apply_edits(text, &edits).unwrap(), "ab<>ef");
    }

    #[test]
    fn overlap_is_an_error() {
        let text = "abcdef";
        let err = apply_edits(text, &[Edit::delete(1..4), Edit::replace(3..5, "x")]).unwrap_err();
        assert!(matches!(err, EditConflict::Overlap { .. }));
        let err = apply_edits(text, &[Edit::delete(1..4), Edit::insert(2, "x")]).unwrap_err();
        assert!(matches!(err, EditConflict::Overlap { .. }));
    }

    #[test]
    fn out_of_bounds_is_an_error() {
        assert!(matches!(
            apply_edits("ab", &[Edit::delete(1..3)]),
            Err(EditConflict::OutOfBounds { .. })
        ));
        assert!(matches!(
            apply_edits("é", &[Edit::delete(0..1)]),
            Err(EditConflict::OutOfBounds { .. })
        ));
    }
}

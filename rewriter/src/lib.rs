//! Byte-range edits, layout of added code, diffs.

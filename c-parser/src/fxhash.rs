//! FxHash (the rustc hasher) for the parser's name tables: identifiers are short, looked up
//! hundreds of thousands of times per file, and come from no adversary, so SipHash's
//! protection costs more than it gives (it was ~4% of all parse instructions). The rewriter
//! uses it for its sets of offsets, for the same reason.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

#[derive(Default, Clone, Copy)]
pub struct FxHasher(u64);

impl FxHasher {
    #[inline]
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(SEED);
    }
}

impl Hasher for FxHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            self.add(u64::from_le_bytes(word));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            // Byte by byte: a copy of a variable-length tail would be a call to memcpy.
            let word = rest
                .iter()
                .rev()
                .fold(0u64, |word, &b| word << 8 | b as u64);
            self.add(word);
        }
    }

    #[inline]
    fn write_u8(&mut self, i: u8) {
        self.add(i as u64);
    }

    #[inline]
    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }

    #[inline]
    fn finish(&self) -> u64 {
        self.0
    }
}

pub type FxBuild = BuildHasherDefault<FxHasher>;
pub type FxHashMap<K, V> = HashMap<K, V, FxBuild>;
pub type FxHashSet<T> = HashSet<T, FxBuild>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_that_share_a_prefix_are_told_apart() {
        let set: FxHashSet<&str> = ["list_for_each", "list_for_each_entry", "x", "xy"]
            .into_iter()
            .collect();
        assert!(set.contains("list_for_each_entry"));
        assert!(set.contains("xy"));
        assert!(!set.contains("list_for_each_entr"));
        assert!(!set.contains("y"));
        assert_eq!(set.len(), 4);
    }
}

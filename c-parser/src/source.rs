//! Lossless bytes <-> `&str` for files that are not valid UTF-8.
//!
//! The tree needs a `&str`, but C files carry Latin-1 comments and arbitrary bytes in string
//! literals. Valid UTF-8 passes through unchanged; every byte of an invalid sequence becomes
//! one character of a private-use range, and `encode` maps those characters back. Characters
//! of that range that were already present in the input are themselves escaped byte by byte,
//! so `encode(decode(bytes)) == bytes` holds for every byte sequence.

/// First character of the range that stands for raw bytes (`U+10FF00 + byte`).
const RAW_BYTE_BASE: u32 = 0x10_FF00;

/// A file's contents as text for the tree.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SourceText {
    text: String,
    /// True when `text` is byte-for-byte the input (no byte needed escaping).
    exact: bool,
}

fn is_raw_byte_char(c: char) -> bool {
    (c as u32) >= RAW_BYTE_BASE
}

fn push_raw_byte(out: &mut String, byte: u8) {
    // RAW_BYTE_BASE + 0..=255 are all valid scalar values (plane 16 private use).
    if let Some(c) = char::from_u32(RAW_BYTE_BASE + byte as u32) {
        out.push(c);
    }
}

impl SourceText {
    /// Decodes bytes losslessly.
    pub fn decode(bytes: &[u8]) -> SourceText {
        if let Some(text) = Self::exact_text(bytes) {
            return SourceText {
                text: text.to_owned(),
                exact: true,
            };
        }
        let mut text = String::with_capacity(bytes.len() + 16);
        let mut rest = bytes;
        while !rest.is_empty() {
            match std::str::from_utf8(rest) {
                Ok(valid) => {
                    push_valid(&mut text, valid);
                    break;
                }
                Err(e) => {
                    let (valid, after) = rest.split_at(e.valid_up_to());
                    // `valid` is valid UTF-8 by construction.
                    push_valid(&mut text, std::str::from_utf8(valid).unwrap_or(""));
                    let bad = e.error_len().unwrap_or(after.len()).max(1);
                    for &b in &after[..bad] {
                        push_raw_byte(&mut text, b);
                    }
                    rest = &after[bad..];
                }
            }
        }
        SourceText { text, exact: false }
    }

    /// The bytes as they are, when they decode to themselves (valid UTF-8 without a
    /// character of the raw-byte range: nearly every file), borrowed; `None` when they need
    /// [`SourceText::decode`]. A reader can look at a file's text without a copy.
    pub fn exact_text(bytes: &[u8]) -> Option<&str> {
        let text = std::str::from_utf8(bytes).ok()?;
        // Raw-byte characters (U+10FF00..) are encoded as F4 8F BC..BF: look for F4 first
        // (with memchr's vector search: this runs over every file a run reads).
        match memchr::memchr(0xF4, bytes).is_none() || !text.chars().any(is_raw_byte_char) {
            true => Some(text),
            false => None,
        }
    }

    /// The text, given up.
    pub fn into_string(self) -> String {
        self.text
    }

    /// The text for lexing and parsing.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// True when the text is exactly the input bytes (offsets are byte offsets of the file).
    pub fn is_exact(&self) -> bool {
        self.exact
    }

    /// The original bytes.
    pub fn to_bytes(&self) -> Vec<u8> {
        Self::encode(&self.text)
    }

    /// Maps text (possibly edited) back to bytes, turning raw-byte characters into bytes.
    pub fn encode(text: &str) -> Vec<u8> {
        if !text.as_bytes().contains(&0xF4) || !text.chars().any(is_raw_byte_char) {
            return text.as_bytes().to_vec();
        }
        let mut out = Vec::with_capacity(text.len());
        let mut buf = [0u8; 4];
        for c in text.chars() {
            if is_raw_byte_char(c) {
                out.push((c as u32 - RAW_BYTE_BASE) as u8);
            } else {
                out.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
            }
        }
        out
    }
}

fn push_valid(out: &mut String, valid: &str) {
    for c in valid.chars() {
        if is_raw_byte_char(c) {
            let mut buf = [0u8; 4];
            for &b in c.encode_utf8(&mut buf).as_bytes() {
                push_raw_byte(out, b);
            }
        } else {
            out.push(c);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn latin1_comment_round_trips() {
        let bytes = b"/* caf\xe9 */ int x;\n";
        let src = SourceText::decode(bytes);
        assert!(!src.is_exact());
        assert_eq!(src.to_bytes(), bytes.to_vec());
    }

    #[test]
    fn exact_text_is_the_decoded_text_of_bytes_that_need_no_escape() {
        let inputs: [&[u8]; 5] = [
            b"int x;\n",
            b"/* caf\xe9 */ int x;\n",
            "char *s = \"\u{10FF41}\";".as_bytes(),
            "/* \u{10FFFF} */".as_bytes(),
            b"",
        ];
        for bytes in inputs {
            let decoded = SourceText::decode(bytes);
            match SourceText::exact_text(bytes) {
                Some(text) => assert_eq!(text, decoded.as_str()),
                None => assert!(!decoded.is_exact()),
            }
            assert_eq!(decoded.is_exact(), SourceText::exact_text(bytes).is_some());
            assert_eq!(decoded.to_bytes(), bytes.to_vec());
        }
    }

    #[test]
    fn private_use_chars_in_valid_input_round_trip() {
        let s = "char *s = \"\u{10FF41}\";";
        let src = SourceText::decode(s.as_bytes());
        assert_eq!(src.to_bytes(), s.as_bytes().to_vec());
    }
}

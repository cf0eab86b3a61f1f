//! Char ↔ byte offsets in one document text.
//!
//! Selectors count `char`s (Unicode scalar values) but Rust slices strings by byte. Counting
//! chars from the start of a 600 KB text for every highlight would make re-anchoring
//! quadratic, so the index records the byte offset of every 64th char (`STRIDE`) once; a lookup
//! is then a table read (or a binary search) plus a walk of fewer than `STRIDE` chars. ASCII
//! texts, where chars and bytes coincide, need no table at all.

use std::sync::OnceLock;

use super::gram_index::GramIndex;
use super::hash::text_hash;

/// Chars between two recorded byte offsets: the longest walk a lookup makes.
const STRIDE: usize = 64;

/// A document text with its char ↔ byte index, built once and shared by every highlight.
#[derive(Debug)]
pub struct TextIndex<'a> {
    text: &'a str,
    char_len: usize,
    /// Byte offset of chars `0, STRIDE, 2 * STRIDE, …`; empty for ASCII text.
    checkpoints: Vec<usize>,
    /// [`text_hash`] of the text, computed on first use (it reads the whole text).
    hash: OnceLock<String>,
    /// Exact-search index, built on first use: unchanged text never needs it.
    grams: OnceLock<Option<GramIndex>>,
}

impl<'a> TextIndex<'a> {
    pub fn new(text: &'a str) -> Self {
        if text.is_ascii() {
            return Self {
                text,
                char_len: text.len(),
                checkpoints: Vec::new(),
                hash: OnceLock::new(),
                grams: OnceLock::new(),
            };
        }
        // Bytes, not `char_indices`: a plain loop stays fast at `opt-level = "z"`.
        let mut checkpoints = Vec::with_capacity(text.len() / STRIDE + 1);
        let mut char_len = 0;
        for (byte, &b) in text.as_bytes().iter().enumerate() {
            if is_char_start(b) {
                if char_len % STRIDE == 0 {
                    checkpoints.push(byte);
                }
                char_len += 1;
            }
        }
        Self {
            text,
            char_len,
            checkpoints,
            hash: OnceLock::new(),
            grams: OnceLock::new(),
        }
    }

    /// The whole text.
    pub fn text(&self) -> &'a str {
        self.text
    }

    /// Length of the text in chars.
    pub fn char_len(&self) -> usize {
        self.char_len
    }

    /// [`text_hash`] of the text (computed once, then cached).
    pub fn hash(&self) -> &str {
        self.hash.get_or_init(|| text_hash(self.text))
    }

    /// Byte offset of char offset `char_offset`; offsets past the end give the text's length.
    pub fn byte_offset(&self, char_offset: usize) -> usize {
        if char_offset >= self.char_len {
            return self.text.len();
        }
        if self.checkpoints.is_empty() {
            return char_offset;
        }
        let from = self.checkpoints[char_offset / STRIDE];
        let mut walk = char_offset % STRIDE;
        // The first char start after `walk` more chars; it exists, as the offset is in range.
        let bytes = self.text.as_bytes();
        let mut byte = from;
        while walk > 0 {
            byte += 1;
            if is_char_start(bytes[byte]) {
                walk -= 1;
            }
        }
        byte
    }

    /// Char offset of byte offset `byte_offset` (offsets past the end give
    /// [`Self::char_len`]). It should lie on a char boundary: one inside a multi-byte char
    /// gives the offset of the char after it.
    pub fn char_offset(&self, byte_offset: usize) -> usize {
        if byte_offset >= self.text.len() {
            return self.char_len;
        }
        if self.checkpoints.is_empty() {
            return byte_offset;
        }
        // The last checkpoint at or before the byte; checkpoints[0] == 0 so there is one.
        let i = self.checkpoints.partition_point(|&b| b <= byte_offset) - 1;
        let from = self.checkpoints[i];
        let bytes = &self.text.as_bytes()[from..byte_offset];
        i * STRIDE + bytes.iter().filter(|&&b| is_char_start(b)).count()
    }

    /// Byte offsets of every occurrence of `needle` (overlapping ones included, ascending),
    /// found through the [`GramIndex`]; `None` if the needle is too short for it, in which
    /// case the caller scans.
    pub(crate) fn indexed_occurrences<'s>(
        &'s self,
        needle: &'s str,
    ) -> Option<impl Iterator<Item = usize> + 's> {
        if needle.len() < super::gram_index::GRAM {
            return None;
        }
        self.grams
            .get_or_init(|| GramIndex::new(self.text))
            .as_ref()?
            .occurrences(self.text, needle)
    }

    /// Chars `start..end` of the text. Out-of-range offsets are clamped: `end` to the text's
    /// length, then `start` to `end`, so the result is always a (possibly empty) valid slice.
    pub fn slice(&self, start: usize, end: usize) -> &'a str {
        let end = end.min(self.char_len);
        let start = start.min(end);
        &self.text[self.byte_offset(start)..self.byte_offset(end)]
    }
}

/// Whether a UTF-8 byte begins a char (is not a continuation byte, `0b10xx_xxxx`).
fn is_char_start(byte: u8) -> bool {
    (byte as i8) >= -0x40
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Long enough to cross several checkpoints, with 1-, 2-, 3- and 4-byte chars.
    fn mixed_text() -> String {
        "naïve café — it’s 𝄞 fine. ".repeat(40)
    }

    #[test]
    fn offsets_agree_with_a_plain_walk_of_the_text() {
        let text = mixed_text();
        let index = TextIndex::new(&text);
        let bytes: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
        assert_eq!(index.char_len(), bytes.len());
        for (c, &b) in bytes.iter().enumerate() {
            assert_eq!(index.byte_offset(c), b, "char {c}");
            assert_eq!(index.char_offset(b), c, "byte {b}");
        }
        assert_eq!(index.byte_offset(bytes.len()), text.len());
        assert_eq!(index.char_offset(text.len()), bytes.len());
    }

    #[test]
    fn ascii_text_needs_no_table() {
        let index = TextIndex::new("plain old text");
        assert!(index.checkpoints.is_empty());
        assert_eq!(index.char_len(), 14);
        assert_eq!(index.byte_offset(6), 6);
        assert_eq!(index.char_offset(6), 6);
        assert_eq!(index.slice(6, 9), "old");
    }

    #[test]
    fn slice_counts_chars_and_clamps() {
        let index = TextIndex::new("naïve café");
        assert_eq!(index.slice(0, 5), "naïve");
        assert_eq!(index.slice(6, 10), "café");
        assert_eq!(index.slice(6, 99), "café");
        assert_eq!(index.slice(8, 3), "");
        assert_eq!(index.slice(50, 60), "");
    }

    #[test]
    fn empty_text() {
        let index = TextIndex::new("");
        assert_eq!(index.char_len(), 0);
        assert_eq!(index.slice(0, 3), "");
        assert_eq!(index.hash(), text_hash(""));
    }
}

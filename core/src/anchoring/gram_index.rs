//! Every exact occurrence of a string in the text, without scanning the whole text.
//!
//! After an edit most highlights have moved, and a highlight whose own words changed must
//! first be shown to have no exact occurrence anywhere (step 2) before approximate matching
//! (step 3) may begin. Scanning 600 KB for each of them would dominate the re-anchoring time, so
//! the text's byte positions are filed by the hash of the [`GRAM`] bytes starting there (an
//! inverted index, built once, in O(n)). A search looks up each [`GRAM`]-byte window of the
//! needle, takes the smallest bucket and checks only the positions in it.

/// Bytes per indexed window. Needles shorter than this are searched by scanning.
pub(crate) const GRAM: usize = 8;

/// Positions of the text filed by the hash of the [`GRAM`] bytes starting there, as one
/// bucket-sorted array (`positions[starts[b]..starts[b + 1]]` is bucket `b`, ascending).
#[derive(Debug)]
pub(crate) struct GramIndex {
    /// `64 - log2(bucket count)`: a hash's top bits choose its bucket.
    shift: u32,
    starts: Vec<u32>,
    positions: Vec<u32>,
}

impl GramIndex {
    /// Indexes `text`; `None` if it is too short to hold a gram or too long for `u32` offsets.
    pub(crate) fn new(text: &str) -> Option<Self> {
        let bytes = text.as_bytes();
        let count = bytes.len().checked_sub(GRAM - 1).filter(|&c| c > 0)?;
        u32::try_from(bytes.len()).ok()?;
        // About four positions per bucket (repeated grams share one anyway), at most 2^18
        // buckets: 1 MB of bucket starts beside 4 bytes per text byte.
        let bits = (usize::BITS - count.leading_zeros())
            .saturating_sub(2)
            .clamp(4, 18);
        let shift = 64 - bits;
        let bucket = |p: usize| (gram_hash(&bytes[p..p + GRAM]) >> shift) as usize;

        let mut starts = vec![0u32; (1 << bits) + 1];
        for p in 0..count {
            starts[bucket(p) + 1] += 1;
        }
        for b in 1..starts.len() {
            starts[b] += starts[b - 1];
        }
        let mut next = starts.clone();
        let mut positions = vec![0u32; count];
        for p in 0..count {
            let slot = &mut next[bucket(p)];
            positions[*slot as usize] = p as u32; // fits: the text length fits in u32
            *slot += 1;
        }
        Some(Self {
            shift,
            starts,
            positions,
        })
    }

    /// Byte offsets of every occurrence of `needle` in `text` (the text indexed), overlapping
    /// ones included, in ascending order; `None` if the needle is shorter than [`GRAM`] bytes.
    pub(crate) fn occurrences<'s>(
        &'s self,
        text: &'s str,
        needle: &'s str,
    ) -> Option<impl Iterator<Item = usize> + 's> {
        let needle = needle.as_bytes();
        let windows = needle.len().checked_sub(GRAM)? + 1;
        // The needle's rarest window: every occurrence holds it, at the same offset.
        let (offset, bucket) = (0..windows)
            .map(|j| (j, self.bucket(&needle[j..j + GRAM])))
            .min_by_key(|&(_, (lo, hi))| hi - lo)?;
        let haystack = text.as_bytes();
        Some(
            self.positions[bucket.0..bucket.1]
                .iter()
                .filter_map(move |&p| {
                    let start = (p as usize).checked_sub(offset)?;
                    // Equal bytes from a char's first byte: `start` is a char boundary.
                    (haystack.get(start..start + needle.len()) == Some(needle)).then_some(start)
                }),
        )
    }

    fn bucket(&self, gram: &[u8]) -> (usize, usize) {
        let b = (gram_hash(gram) >> self.shift) as usize;
        (self.starts[b] as usize, self.starts[b + 1] as usize)
    }
}

/// Multiplicative hash of one gram; its top bits are well mixed.
fn gram_hash(gram: &[u8]) -> u64 {
    let mut word = [0; GRAM];
    word.copy_from_slice(gram);
    u64::from_le_bytes(word).wrapping_mul(0x9e37_79b9_7f4a_7c15)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn find(text: &str, needle: &str) -> Option<Vec<usize>> {
        let index = GramIndex::new(text).unwrap();
        index.occurrences(text, needle).map(Iterator::collect)
    }

    fn scan(text: &str, needle: &str) -> Vec<usize> {
        (0..=text.len().saturating_sub(needle.len()))
            .filter(|&i| text.as_bytes()[i..].starts_with(needle.as_bytes()))
            .collect()
    }

    #[test]
    fn finds_every_occurrence_including_overlapping_ones() {
        let text = "the café, the café café — the naïve café, the café".repeat(30);
        for needle in [
            "the café",
            "café café",
            "the naïve café",
            "é — the",
            "café, the café",
        ] {
            assert_eq!(find(&text, needle), Some(scan(&text, needle)), "{needle}");
        }
        assert_eq!(find("aaaaaaaaaaaa", "aaaaaaaaa"), Some(vec![0, 1, 2, 3]));
    }

    #[test]
    fn absent_needles_have_no_occurrences() {
        assert_eq!(
            find("the quick brown fox", "the slow brown fox"),
            Some(vec![])
        );
        assert_eq!(find("short text", "short text, longer"), Some(vec![]));
    }

    #[test]
    fn short_needles_and_texts_are_left_to_scanning() {
        assert_eq!(find("the quick brown fox", "quick"), None);
        assert!(GramIndex::new("tiny").is_none());
    }
}

//! The `TextQuoteSelector`: describing a passage by its exact words and their context, and
//! finding the passage again by an exact search for those words (anchoring step 2).
//!
//! When the words occur several times, the occurrence whose surroundings agree with the
//! recorded prefix and suffix over the most chars wins; ties go to the occurrence closest to
//! the recorded position. When the words are gone, the context alone still says where they
//! were ([`start_from_context`]), for the approximate search of step 3.

use super::text_index::TextIndex;
use super::types::{Selectors, TextPositionSelector, TextQuoteSelector};

/// Chars of context recorded before (`prefix`) and after (`suffix`) the exact words.
pub const CONTEXT_CHARS: usize = 32;

/// Radius, in chars around the expected start, of the first window searched; each further
/// window is [`WIDEN`] times wider, up to the whole text.
const FIRST_RADIUS: usize = 1024;
const WIDEN: usize = 8;

impl<'a> TextIndex<'a> {
    /// Selectors for chars `start..end`: the exact words, up to [`CONTEXT_CHARS`] chars of
    /// prefix and suffix, the position and the text hash. Offsets are clamped as in
    /// [`TextIndex::slice`].
    pub fn describe(&self, start: usize, end: usize) -> Selectors {
        let end = end.min(self.char_len());
        let start = start.min(end);
        Selectors {
            quote: TextQuoteSelector {
                exact: self.slice(start, end).to_owned(),
                prefix: self
                    .slice(start.saturating_sub(CONTEXT_CHARS), start)
                    .to_owned(),
                suffix: self
                    .slice(end, end.saturating_add(CONTEXT_CHARS))
                    .to_owned(),
            },
            position: TextPositionSelector { start, end },
            text_hash: self.hash().to_owned(),
        }
    }
}

/// How many chars of the recorded context agree with the text around the passage at bytes
/// `start_byte..end_byte`: the prefix read backwards from the start plus the suffix read
/// forwards from the end, each up to its first difference.
pub(crate) fn context_score(
    index: &TextIndex<'_>,
    start_byte: usize,
    end_byte: usize,
    quote: &TextQuoteSelector,
) -> usize {
    let text = index.text();
    let before = quote
        .prefix
        .chars()
        .rev()
        .zip(text[..start_byte].chars().rev())
        .take_while(|(a, b)| a == b)
        .count();
    let after = quote
        .suffix
        .chars()
        .zip(text[end_byte..].chars())
        .take_while(|(a, b)| a == b)
        .count();
    before + after
}

/// The best possible [`context_score`]: all of the prefix and all of the suffix.
pub(crate) fn full_context_score(quote: &TextQuoteSelector) -> usize {
    quote.prefix.chars().count() + quote.suffix.chars().count()
}

/// An exact occurrence being weighed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Candidate {
    start: usize,
    score: usize,
    distance: usize,
}

impl Candidate {
    /// Higher context score first, then closer to the expected start, then earlier.
    fn beats(&self, other: &Candidate) -> bool {
        (std::cmp::Reverse(self.score), self.distance, self.start)
            < (std::cmp::Reverse(other.score), other.distance, other.start)
    }
}

/// Step 2: the best exact occurrence of `quote.exact` (chars `start..end`), or `None` if the
/// exact words occur nowhere (or are empty).
///
/// Words of [`GRAM`](super::gram_index::GRAM) bytes or more are looked up in the text's gram index, which lists every
/// occurrence at once. Shorter ones are scanned for in windows around `expected_start`,
/// widening until the whole text is covered; that stops early once an occurrence with the
/// full context score lies within the window's radius, since every occurrence outside is
/// farther away and cannot score higher, so the answer is the same as scanning everything.
pub(crate) fn find_quote(
    index: &TextIndex<'_>,
    quote: &TextQuoteSelector,
    expected_start: usize,
) -> Option<(usize, usize)> {
    let exact = quote.exact.as_str();
    let first_char_len = exact.chars().next()?.len_utf8();
    let len = exact.chars().count();
    let n = index.char_len();
    if len > n {
        return None;
    }
    let last_start = n - len;
    let expected_start = expected_start.min(last_start);
    let candidate = |start_byte: usize| {
        let start = index.char_offset(start_byte);
        Candidate {
            start,
            score: context_score(index, start_byte, start_byte + exact.len(), quote),
            distance: start.abs_diff(expected_start),
        }
    };
    let best_of = |starts: &mut dyn Iterator<Item = usize>| {
        starts
            .map(candidate)
            .reduce(|best, c| if c.beats(&best) { c } else { best })
    };
    let found = |best: Candidate| (best.start, best.start + len);

    if let Some(mut starts) = index.indexed_occurrences(exact) {
        return best_of(&mut starts).map(found);
    }

    let full_score = full_context_score(quote);
    let text = index.text();
    let mut radius = FIRST_RADIUS;
    loop {
        let lo = expected_start.saturating_sub(radius);
        let hi = expected_start.saturating_add(radius).min(last_start);
        let (lo_byte, hi_byte) = (index.byte_offset(lo), index.byte_offset(hi + len));
        // `find` from just past each hit rather than `match_indices`, which skips overlapping
        // occurrences.
        let mut from = lo_byte;
        let mut starts = std::iter::from_fn(|| {
            let start = from + text[from..hi_byte].find(exact)?;
            from = start + first_char_len;
            Some(start)
        });
        let best = best_of(&mut starts);
        let whole_text = lo == 0 && hi == last_start;
        let settled = best.is_some_and(|b| b.score == full_score && b.distance <= radius);
        if whole_text || settled {
            return best.map(found);
        }
        radius = radius.saturating_mul(WIDEN);
    }
}

/// Where the recorded context puts a passage whose own words changed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct ContextStart {
    /// The char offset the passage would start at.
    pub start: usize,
    /// Whether that context occurs only once in the text, which pins the passage down.
    pub unique: bool,
}

/// Where the recorded context says the passage starts: just after an exact occurrence of the
/// prefix, or else `len` chars before one of the suffix, the occurrence nearest
/// `recorded_start` winning. Only the gram index is asked, so this costs no scan; `None`
/// when neither context is found (or is too short to look up).
pub(crate) fn start_from_context(
    index: &TextIndex<'_>,
    quote: &TextQuoteSelector,
    len: usize,
    recorded_start: usize,
) -> Option<ContextStart> {
    let nearest = |starts: &mut dyn Iterator<Item = usize>| {
        let (mut best, mut count) = (None::<usize>, 0);
        for start in starts {
            count += 1;
            if best.is_none_or(|b| start.abs_diff(recorded_start) < b.abs_diff(recorded_start)) {
                best = Some(start);
            }
        }
        best.map(|start| ContextStart {
            start,
            unique: count == 1,
        })
    };
    let after_prefix = index
        .indexed_occurrences(&quote.prefix)
        .and_then(|occurrences| {
            nearest(&mut occurrences.map(|b| index.char_offset(b + quote.prefix.len())))
        });
    after_prefix.or_else(|| {
        let occurrences = index.indexed_occurrences(&quote.suffix)?;
        nearest(&mut occurrences.map(|b| index.char_offset(b).saturating_sub(len)))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn quote(prefix: &str, exact: &str, suffix: &str) -> TextQuoteSelector {
        TextQuoteSelector {
            exact: exact.into(),
            prefix: prefix.into(),
            suffix: suffix.into(),
        }
    }

    #[test]
    fn describe_records_words_context_position_and_hash() {
        let text = "It was a naïve plan. The café — closed.";
        let index = TextIndex::new(text);
        let s = index.describe(21, 29);
        assert_eq!(s.quote.exact, "The café");
        assert_eq!(s.quote.prefix, "It was a naïve plan. ");
        assert_eq!(s.quote.suffix, " — closed.");
        assert_eq!(s.position, TextPositionSelector { start: 21, end: 29 });
        assert_eq!(s.text_hash, super::super::text_hash(text));
    }

    #[test]
    fn describe_keeps_context_to_32_chars() {
        let text = "a".repeat(100) + "XYZ" + &"b".repeat(100);
        let s = TextIndex::new(&text).describe(100, 103);
        assert_eq!(s.quote.prefix, "a".repeat(CONTEXT_CHARS));
        assert_eq!(s.quote.suffix, "b".repeat(CONTEXT_CHARS));
    }

    #[test]
    fn context_score_counts_agreeing_chars_either_side() {
        let index = TextIndex::new("one two three");
        let q = quote("xne ", "two", " thXee");
        // " ne" agrees before (3 chars), " th" after (3 chars).
        assert_eq!(context_score(&index, 4, 7, &q), 6);
        assert_eq!(full_context_score(&q), 10);
    }

    #[test]
    fn context_decides_between_repeats() {
        let text = "red fish, blue fish; one fish, two fish";
        let index = TextIndex::new(text);
        assert_eq!(
            find_quote(&index, &quote("blue ", "fish", "; one"), 0),
            Some((15, 19))
        );
        assert_eq!(
            find_quote(&index, &quote("two ", "fish", ""), 0),
            Some((35, 39))
        );
    }

    #[test]
    fn context_decides_between_long_repeats_found_through_the_index() {
        let text = "Le café naïve opened. Then the café naïve opened. Later a café naïve opened.";
        let index = TextIndex::new(text);
        let exact = "café naïve opened";
        assert!(index.indexed_occurrences(exact).is_some());
        assert_eq!(
            find_quote(&index, &quote("Then the ", exact, ". Lat"), 0),
            Some((31, 48))
        );
        assert_eq!(
            find_quote(&index, &quote("", exact, ""), 60),
            Some((58, 75))
        );
        assert_eq!(
            find_quote(&index, &quote("", "café naïve closed", ""), 0),
            None
        );
    }

    #[test]
    fn context_locates_a_passage_whose_words_changed() {
        let text =
            "Intro here. It was a quiet morning in the old café. The naïve owner waved. Outro.";
        let index = TextIndex::new(text);
        let q = quote(
            "It was a quiet morning in the ",
            "old café",
            ". The naïve owner waved.",
        );
        // Found after the prefix (chars, not bytes) even though the words are not there.
        let q = TextQuoteSelector {
            exact: "new bar".into(),
            ..q
        };
        let unique_at = |start| {
            Some(ContextStart {
                start,
                unique: true,
            })
        };
        assert_eq!(start_from_context(&index, &q, 7, 0), unique_at(42));
        // With the prefix gone, from the suffix.
        let q = TextQuoteSelector {
            prefix: "gone".into(),
            ..q
        };
        assert_eq!(start_from_context(&index, &q, 8, 0), unique_at(42));
        let q = TextQuoteSelector {
            suffix: "also gone, entirely".into(),
            ..q
        };
        assert_eq!(start_from_context(&index, &q, 8, 0), None);
    }

    #[test]
    fn a_repeated_context_gives_the_nearest_occurrence_and_says_so() {
        let text = "and then the river ran on. X. and then the river ran on. Y.";
        let index = TextIndex::new(text);
        let q = quote("and then the river ran on. ", "Z", ".");
        let found = start_from_context(&index, &q, 1, 50).unwrap();
        assert_eq!(
            found,
            ContextStart {
                start: 57,
                unique: false
            }
        );
    }

    #[test]
    fn ties_go_to_the_occurrence_nearest_the_expected_start() {
        let index = TextIndex::new("ab ab ab ab");
        let q = quote("", "ab", "");
        assert_eq!(find_quote(&index, &q, 7), Some((6, 8)));
        assert_eq!(find_quote(&index, &q, 100), Some((9, 11)));
    }

    #[test]
    fn finds_overlapping_occurrences() {
        let index = TextIndex::new("ha ha ha!");
        assert_eq!(
            find_quote(&index, &quote("ha ", "ha ha", "!"), 0),
            Some((3, 8))
        );
    }

    #[test]
    fn far_occurrences_are_found_by_widening() {
        let text = format!("{}needle{}", "é".repeat(20_000), "x".repeat(20_000));
        let index = TextIndex::new(&text);
        assert_eq!(
            find_quote(&index, &quote("", "needle", ""), 40_000),
            Some((20_000, 20_006))
        );
    }

    #[test]
    fn absent_or_empty_words_are_not_found() {
        let index = TextIndex::new("some text");
        assert_eq!(find_quote(&index, &quote("", "other", ""), 0), None);
        assert_eq!(find_quote(&index, &quote("", "", ""), 0), None);
        assert_eq!(
            find_quote(&index, &quote("", "some text, longer", ""), 0),
            None
        );
    }
}

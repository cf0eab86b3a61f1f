//! The `TextPositionSelector` fast path (anchoring step 1): does the recorded position still
//! hold the exact words?
//!
//! Besides the words, the recorded prefix and suffix must surround them too. In unchanged text
//! they always do, so this costs two short comparisons. After an edit, the same words can
//! land on the recorded offsets by coincidence (a short quote, shifted text); the context
//! check sends such cases on to the quote search, which weighs every occurrence.

use super::text_index::TextIndex;
use super::text_quote::{context_score, full_context_score};
use super::types::Selectors;

/// Whether chars `position.start..position.end` still hold `quote.exact`, surrounded by the
/// full recorded context. When they do, no other occurrence can be a better answer.
pub(crate) fn position_holds(index: &TextIndex<'_>, selectors: &Selectors) -> bool {
    let position = selectors.position;
    let quote = &selectors.quote;
    if position.start > position.end || position.end > index.char_len() {
        return false;
    }
    let (start_byte, end_byte) = (
        index.byte_offset(position.start),
        index.byte_offset(position.end),
    );
    index.text()[start_byte..end_byte] == quote.exact
        && context_score(index, start_byte, end_byte, quote) == full_context_score(quote)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::anchoring::types::TextPositionSelector;

    #[test]
    fn holds_in_unchanged_text() {
        let index = TextIndex::new("The café — open late.");
        let selectors = index.describe(4, 8);
        assert!(position_holds(&index, &selectors));
    }

    #[test]
    fn fails_when_the_words_moved() {
        let before = TextIndex::new("The café — open late.");
        let selectors = before.describe(4, 8);
        let after = TextIndex::new("Oh, the café — open late.");
        assert!(!position_holds(&after, &selectors));
    }

    #[test]
    fn fails_when_the_same_words_are_there_by_coincidence() {
        // "a" was at 9; text was inserted before it, and another "a" now sits at 9.
        let before = TextIndex::new("one, two a three");
        let selectors = before.describe(9, 10);
        let after = TextIndex::new("one, two ab two a three");
        assert_eq!(after.slice(9, 10), "a");
        assert!(!position_holds(&after, &selectors));
    }

    #[test]
    fn rejects_positions_out_of_range() {
        let index = TextIndex::new("short");
        let mut selectors = index.describe(0, 5);
        selectors.position = TextPositionSelector { start: 3, end: 9 };
        assert!(!position_holds(&index, &selectors));
        selectors.position = TextPositionSelector { start: 4, end: 2 };
        assert!(!position_holds(&index, &selectors));
    }
}

//! The anchoring pipeline: position, then exact quote, then approximate quote.

use super::match_quote::{match_quote, Scope};
use super::text_index::TextIndex;
use super::text_position::position_holds;
use super::text_quote::{find_quote, start_from_context};
use super::types::{Anchor, AnchorMethod, Selectors};

/// Quotes shorter than this (in chars) are only found exactly: "zq" with one edit allowed
/// would match any "z".
pub const MIN_FUZZY_QUOTE: usize = 8;

impl<'a> TextIndex<'a> {
    /// Steps 1 and 2 of [`TextIndex::anchor`]: the passage if its exact words are still in
    /// the text. Cheap (a lookup in the text's index), where step 3 may read the whole text.
    pub fn anchor_exactly(&self, selectors: &Selectors) -> Option<Anchor> {
        let quote = &selectors.quote;
        if quote.exact.is_empty() {
            return None;
        }
        let position = selectors.position;
        if position_holds(self, selectors) {
            return Some(Anchor {
                start: position.start,
                end: position.end,
                method: AnchorMethod::Position,
            });
        }
        let (start, end) = find_quote(self, quote, position.start)?;
        let method = if (start, end) == (position.start, position.end) {
            AnchorMethod::Position
        } else {
            AnchorMethod::Quote
        };
        Some(Anchor { start, end, method })
    }

    /// Finds the passage described by `selectors` in this text.
    ///
    /// 1. If the recorded position still holds the exact words (with their recorded context),
    ///    that is the answer: [`AnchorMethod::Position`].
    /// 2. Otherwise, of every exact occurrence of the words, the one whose surroundings agree
    ///    most with the recorded prefix and suffix, ties going to the one closest to the
    ///    recorded position: [`AnchorMethod::Quote`] (or `Position`, if that is where the
    ///    recorded position points after all).
    /// 3. Otherwise, for quotes of at least [`MIN_FUZZY_QUOTE`] chars, the closest approximate match (edit distance at most about a quarter of
    ///    the words' length): [`AnchorMethod::Fuzzy`]. It is looked for around where the
    ///    recorded prefix (or suffix) now is, and only there if that context occurs just once:
    ///    the passage was there, and a match elsewhere would be some other passage. Without
    ///    such context, around the recorded position, widening to the whole text if needed.
    ///
    /// `None` if none is found, or if the exact words are empty.
    pub fn anchor(&self, selectors: &Selectors) -> Option<Anchor> {
        if let Some(found) = self.anchor_exactly(selectors) {
            return Some(found);
        }
        let quote = &selectors.quote;
        if quote.exact.is_empty() {
            return None;
        }
        let position = selectors.position;
        // The words changed. A few chars edited could be any few chars: a short quote is
        // only ever found as it was written.
        let len = quote.exact.chars().count();
        if len < MIN_FUZZY_QUOTE {
            return None;
        }
        // Their context, if still there, says where they were: then a match is only looked
        // for there, since one elsewhere would be some other passage.
        let (expected_start, scope) = match start_from_context(self, quote, len, position.start) {
            Some(context) if context.unique => (context.start, Scope::Near),
            Some(context) => (context.start, Scope::Anywhere),
            None => (position.start, Scope::Anywhere),
        };
        match_quote(self, &quote.exact, expected_start, scope).map(|found| Anchor {
            start: found.start,
            end: found.end,
            method: AnchorMethod::Fuzzy,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn anchor(method: AnchorMethod, start: usize, end: usize) -> Option<Anchor> {
        Some(Anchor { start, end, method })
    }

    #[test]
    fn short_quotes_are_found_only_as_written() {
        let before = TextIndex::new("A zq here and a quick one.");
        let selectors = before.describe(2, 4);
        let after = TextIndex::new("A zebra here and a quick one.");
        assert_eq!(after.anchor(&selectors), None, "not attached to some z");
        let seven = TextIndex::new("The spring tide.").describe(4, 10); // "spring"
        assert_eq!(TextIndex::new("The sprang tide.").anchor(&seven), None);
        let eight = TextIndex::new("The seasides, calm.").describe(4, 12); // "seasides"
        assert_eq!(
            TextIndex::new("The seasidez, calm.").anchor(&eight),
            anchor(AnchorMethod::Fuzzy, 4, 12)
        );
    }

    #[test]
    fn unchanged_text_anchors_by_position() {
        let index = TextIndex::new("A naïve café — it’s open.");
        let selectors = index.describe(2, 12);
        assert_eq!(
            index.anchor(&selectors),
            anchor(AnchorMethod::Position, 2, 12)
        );
    }

    #[test]
    fn moved_words_anchor_by_quote() {
        let before = TextIndex::new("The café opened. It was busy.");
        let selectors = before.describe(17, 28);
        let after = TextIndex::new("Yesterday the café opened. It was busy.");
        assert_eq!(
            after.anchor(&selectors),
            anchor(AnchorMethod::Quote, 27, 38)
        );
    }

    #[test]
    fn a_coincidental_match_at_the_old_position_loses_to_the_real_one() {
        let before = TextIndex::new("one, two a three");
        let selectors = before.describe(9, 10);
        let after = TextIndex::new("one, two ab two a three");
        assert_eq!(
            after.anchor(&selectors),
            anchor(AnchorMethod::Quote, 16, 17)
        );
    }

    #[test]
    fn edited_context_alone_still_anchors_by_position() {
        let before = TextIndex::new("It rained. The café opened. It was busy.");
        let selectors = before.describe(11, 26);
        let after = TextIndex::new("It poured. The café opened. It was full.");
        assert_eq!(
            after.anchor(&selectors),
            anchor(AnchorMethod::Position, 11, 26)
        );
    }

    #[test]
    fn edited_words_anchor_fuzzily() {
        let before = TextIndex::new("Intro. The naïve café owner opened early. Outro.");
        let selectors = before.describe(7, 41);
        let after = TextIndex::new("Intro. The naive café owner opened early. Outro.");
        assert_eq!(after.anchor(&selectors), anchor(AnchorMethod::Fuzzy, 7, 41));
    }

    #[test]
    fn rewritten_words_are_not_matched_to_a_similar_passage_elsewhere() {
        let before = "Start. The quiet harbour slept under snow. Middle part here. \
                      A quiet harbour slept under snow too. End.";
        let selectors = TextIndex::new(before).describe(7, 42);
        assert_eq!(selectors.quote.exact, "The quiet harbour slept under snow.");
        // The words were rewritten in place; their context is intact and says where they were.
        let after = before.replace(
            "The quiet harbour slept under snow.",
            "Everything in the town was loud.",
        );
        assert_eq!(TextIndex::new(&after).anchor(&selectors), None);
    }

    #[test]
    fn an_edited_passage_that_lost_its_context_is_looked_for_everywhere() {
        let filler = "Filler words go on and on here. ".repeat(200);
        let before = format!("{filler}Prologue: the naïve café owner opened early. {filler}");
        let start = filler.chars().count() + 10;
        let selectors = TextIndex::new(&before).describe(start, start + 34);
        assert_eq!(selectors.quote.exact, "the naïve café owner opened early.");
        let after = format!("The naive café owner opened early!{filler}{filler}");
        assert_eq!(
            TextIndex::new(&after).anchor(&selectors),
            anchor(AnchorMethod::Fuzzy, 0, 34)
        );
    }

    #[test]
    fn removed_or_empty_passages_are_not_found() {
        let before = TextIndex::new("Keep this. Remove the whole sentence here. Keep that.");
        let selectors = before.describe(11, 42);
        let after = TextIndex::new("Keep this. Keep that.");
        assert_eq!(after.anchor(&selectors), None);
        assert_eq!(before.anchor(&before.describe(5, 5)), None);
    }
}

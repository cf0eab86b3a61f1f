//! Where an article's highlights are in its text now, worked out without ever holding up the
//! page for long, however many highlights there are.
//!
//! Most highlights are found by their exact words, which costs a lookup in the text's index
//! ([`TextIndex::anchor_exactly`]). Those whose words changed or are gone need the
//! approximate search, which may read the whole text once or twice per highlight: a file of
//! ten thousand crafted highlights whose words occur nowhere took a second natively. So
//! [`Placer::place`] does only the cheap part and lists the rest as pending; the app calls
//! [`Placer::work`] on them in small slices of time, drawing after each, until none is left.
//! Every answer is remembered by highlight id and selectors, so a change to one highlight
//! (a note, a colour) never makes the others be searched again.

use std::collections::HashMap;

use crate::anchoring::{Selectors, TextIndex};
use crate::store::Highlight;

/// A highlight and where it is now (chars of the article's annotatable text).
#[derive(Clone, Debug, PartialEq)]
pub struct Placed {
    pub highlight: Highlight,
    pub start: usize,
    pub end: usize,
}

/// An article's highlights: placed, not found, or still being looked for.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Placement {
    /// In document order.
    pub placed: Vec<Placed>,
    /// Highlights whose words could not be found in the current text.
    pub orphans: Vec<Highlight>,
    /// Highlights whose exact words are not in the text and which the approximate search has
    /// not looked for yet.
    pub pending: Vec<Highlight>,
}

/// Places highlights, remembering every answer.
#[derive(Debug, Default)]
pub struct Placer {
    known: HashMap<String, (Selectors, Option<(usize, usize)>)>,
}

impl Placer {
    /// The placement of `highlights` from what is known and what the exact search finds now;
    /// the rest is pending.
    pub fn place(&mut self, text: &TextIndex, highlights: Vec<Highlight>) -> Placement {
        let mut placement = Placement::default();
        for highlight in highlights {
            let found = match self.known.get(&highlight.id) {
                Some((selectors, found)) if *selectors == highlight.selectors => Some(*found),
                _ => text
                    .anchor_exactly(&highlight.selectors)
                    .map(|a| Some((a.start, a.end))),
            };
            match found {
                Some(Some((start, end))) => {
                    self.remember(&highlight, Some((start, end)));
                    placement.placed.push(Placed {
                        highlight,
                        start,
                        end,
                    });
                }
                Some(None) => placement.orphans.push(highlight),
                None => placement.pending.push(highlight),
            }
        }
        crate::sort::sort_by(&mut placement.placed, |a, b| {
            (a.start, a.end, &a.highlight.created).cmp(&(b.start, b.end, &b.highlight.created))
        });
        placement
    }

    /// Looks for pending highlights with the full search, one at a time, until `out_of_time`
    /// says to stop (it is asked after each, so at least one is done). Returns how many were
    /// done; [`Placer::place`] then gives their answers.
    pub fn work(
        &mut self,
        text: &TextIndex,
        pending: &[Highlight],
        out_of_time: &mut dyn FnMut() -> bool,
    ) -> usize {
        let mut done = 0;
        for highlight in pending {
            let found = text.anchor(&highlight.selectors).map(|a| (a.start, a.end));
            self.remember(highlight, found);
            done += 1;
            if out_of_time() {
                break;
            }
        }
        done
    }

    fn remember(&mut self, highlight: &Highlight, found: Option<(usize, usize)>) {
        self.known
            .insert(highlight.id.clone(), (highlight.selectors.clone(), found));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::fixtures::highlight;

    fn on(text: &TextIndex, id: &str, start: usize, end: usize) -> Highlight {
        let mut h = highlight(id);
        h.selectors = text.describe(start, end);
        h
    }

    #[test]
    fn exact_words_are_placed_at_once_and_changed_ones_after_work() {
        let before = TextIndex::new("The river froze early that winter, and the crossing closed.");
        let kept = on(&before, "kept", 4, 9); // "river"
        let edited = on(&before, "edited", 10, 22); // "froze early "
        let now = TextIndex::new("The river froze earlier that winter, and the crossing closed.");
        let mut placer = Placer::default();
        let first = placer.place(&now, vec![kept.clone(), edited.clone()]);
        assert_eq!(first.placed.len(), 1);
        assert_eq!(first.pending, vec![edited.clone()]);
        assert_eq!(placer.work(&now, &first.pending, &mut || false), 1);
        let second = placer.place(&now, vec![kept, edited]);
        assert!(second.pending.is_empty() && second.orphans.is_empty());
        assert_eq!(second.placed.len(), 2);
    }

    #[test]
    fn gone_words_become_orphans_and_are_not_searched_again() {
        let before = TextIndex::new("Some words that will be removed entirely from it.");
        let gone = on(&before, "gone", 5, 30);
        let now = TextIndex::new("A different text.");
        let mut placer = Placer::default();
        let pending = placer.place(&now, vec![gone.clone()]).pending;
        placer.work(&now, &pending, &mut || true);
        let mut noted = gone.clone();
        noted.note = "a note changes nothing about where it is".into();
        let again = placer.place(&now, vec![noted.clone()]);
        assert_eq!(again.orphans, vec![noted]);
        assert!(again.pending.is_empty());
    }

    #[test]
    fn work_stops_when_told_and_always_makes_progress() {
        let text = TextIndex::new("nothing of the quotes is here");
        let gone: Vec<Highlight> = (0..5)
            .map(|i| {
                let mut h = highlight(&format!("h{i}"));
                h.selectors.quote.exact = format!("a quote that occurs nowhere {i}");
                h
            })
            .collect();
        let mut placer = Placer::default();
        let pending = placer.place(&text, gone.clone()).pending;
        assert_eq!(pending.len(), 5);
        let mut calls = 0;
        assert_eq!(
            placer.work(&text, &pending, &mut || {
                calls += 1;
                calls == 2
            }),
            2
        );
        assert_eq!(placer.place(&text, gone).pending.len(), 3);
    }
}

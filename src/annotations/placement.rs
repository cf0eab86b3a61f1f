//! Where an article's stored highlights are on the page now: each one anchored in the current
//! text, or listed as could-not-place (never dropped).

use reader_core::anchoring::TextIndex;
use reader_core::store::Highlight;

#[derive(Clone, Debug, PartialEq)]
pub struct Placed {
    pub highlight: Highlight,
    pub start: usize,
    pub end: usize,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Placement {
    /// In document order.
    pub placed: Vec<Placed>,
    /// Highlights whose words could not be found in the current text.
    pub orphans: Vec<Highlight>,
}

pub fn place(text: &TextIndex, highlights: impl IntoIterator<Item = Highlight>) -> Placement {
    let mut placement = Placement::default();
    for highlight in highlights {
        match text.anchor(&highlight.selectors) {
            Some(anchor) => placement.placed.push(Placed {
                start: anchor.start,
                end: anchor.end,
                highlight,
            }),
            None => placement.orphans.push(highlight),
        }
    }
    placement.placed.sort_by(|a, b| {
        (a.start, a.end, &a.highlight.created).cmp(&(b.start, b.end, &b.highlight.created))
    });
    placement
}

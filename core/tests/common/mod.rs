//! Builders shared by the store's integration tests.

use reader_core::anchoring::{Selectors, TextPositionSelector, TextQuoteSelector};
use reader_core::store::{Color, Highlight};

/// A highlight in article "a-story" whose quote names its id, with `note`, last changed at
/// `modified`.
pub fn highlight(id: &str, note: &str, modified: &str) -> Highlight {
    let exact = format!("passage {id}");
    Highlight {
        id: id.into(),
        article: "a-story".into(),
        selectors: Selectors {
            position: TextPositionSelector {
                start: 10,
                end: 10 + exact.chars().count(),
            },
            quote: TextQuoteSelector {
                exact,
                prefix: "before ".into(),
                suffix: " after".into(),
            },
            text_hash: "0123456789abcdef".into(),
        },
        color: Color::Blue,
        note: note.into(),
        created: "2026-11-28T13:00:00.000Z".into(),
        modified: modified.into(),
    }
}

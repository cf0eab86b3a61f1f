//! Records for the unit tests of this module.

use super::records::{Bookmark, Color, Highlight};
use crate::anchoring::{Selectors, TextPositionSelector, TextQuoteSelector};

pub const T0: &str = "2026-11-28T13:05:00.000Z";
pub const T1: &str = "2026-11-28T14:00:00.000Z";

/// A green highlight of "words" in `an-article`, created and modified at [`T0`].
pub fn highlight(id: &str) -> Highlight {
    Highlight {
        id: id.into(),
        article: "an-article".into(),
        selectors: Selectors {
            quote: TextQuoteSelector {
                exact: "words".into(),
                prefix: "some ".into(),
                suffix: " here".into(),
            },
            position: TextPositionSelector { start: 5, end: 10 },
            text_hash: "abc".into(),
        },
        color: Color::Green,
        note: String::new(),
        fact: None,
        created: T0.into(),
        modified: T0.into(),
    }
}

/// A bookmark of block 3 of `an-article`, created and modified at [`T0`].
pub fn bookmark(id: &str) -> Bookmark {
    Bookmark {
        id: id.into(),
        article: "an-article".into(),
        block: 3,
        label: String::new(),
        excerpt: String::new(),
        created: T0.into(),
        modified: T0.into(),
    }
}

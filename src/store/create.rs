//! Where highlights and bookmarks are created: from a selection (char offsets) to a record.

use reader_core::anchoring::TextIndex;
use reader_core::store::{Bookmark, Color, Highlight, Record};

use super::clock::{new_id, now};
use super::StoreHandle;

/// Highlights chars `start..end` of the article's text; returns the new highlight's id.
pub fn highlight(
    store: StoreHandle,
    slug: &str,
    text: &TextIndex,
    start: usize,
    end: usize,
    color: Color,
) -> String {
    let created = now();
    let highlight = Highlight {
        id: new_id("h"),
        article: slug.to_string(),
        selectors: text.describe(start, end),
        color,
        note: String::new(),
        created: created.clone(),
        modified: created,
    };
    let id = highlight.id.clone();
    store.put(
        Record::Highlight(highlight),
        &format!("Highlight saved ({})", color.label()),
    );
    id
}

/// Bookmarks block `block` of the article, with an optional label.
pub fn bookmark(store: StoreHandle, slug: &str, block: usize, label: &str) {
    let created = now();
    let bookmark = Bookmark {
        id: new_id("b"),
        article: slug.to_string(),
        block,
        label: label.trim().to_string(),
        created: created.clone(),
        modified: created,
    };
    store.put(Record::Bookmark(bookmark), "Bookmark added");
}

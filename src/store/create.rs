//! Where highlights and bookmarks are created: from a selection (char offsets) to a record.

use reader_core::anchoring::TextIndex;
use reader_core::article::Article;
use reader_core::reading::excerpt;
use reader_core::store::{Bookmark, Color, Highlight, Record};

use super::clock::{new_id, now};
use super::StoreHandle;

/// Highlights chars `start..end` of the article's text, pinned as a key fact (without a
/// statement yet) if `fact`; returns the new highlight's id.
pub fn highlight(
    store: StoreHandle,
    slug: &str,
    text: &TextIndex,
    (start, end): (usize, usize),
    color: Color,
    fact: bool,
) -> String {
    let created = now();
    let highlight = Highlight {
        id: new_id("h"),
        article: slug.to_string(),
        selectors: text.describe(start, end),
        color,
        note: String::new(),
        fact: fact.then(String::new),
        created: created.clone(),
        modified: created,
    };
    let id = highlight.id.clone();
    let said = if fact {
        "Pinned as a key fact".to_string()
    } else {
        format!("Highlight saved ({})", color.label())
    };
    store.put(Record::Highlight(highlight), &said);
    id
}

/// Bookmarks block `block` of `article`, with an optional label. A paragraph has one bookmark:
/// bookmarking it again updates that one (its label, if a new one is given).
pub fn bookmark(store: StoreHandle, article: &Article, block: usize, label: &str) {
    let label = label.trim();
    let slug = article.slug.as_str();
    let existing = store.with(|s| {
        s.bookmarks_for(slug)
            .into_iter()
            .find(|b| b.block == block)
            .cloned()
    });
    if let Some(mut b) = existing {
        if !label.is_empty() {
            b.label = label.to_string();
        }
        b.modified = now();
        store.put(Record::Bookmark(b), "Bookmark updated");
        return;
    }
    let created = now();
    let bookmark = Bookmark {
        id: new_id("b"),
        article: slug.to_string(),
        block,
        label: label.to_string(),
        excerpt: article
            .blocks
            .get(block)
            .map(|p| excerpt(&p.plain_text(), EXCERPT))
            .unwrap_or_default(),
        created: created.clone(),
        modified: created,
    };
    store.put(Record::Bookmark(bookmark), "Bookmark added");
}

/// Characters of a bookmarked paragraph kept to name it by.
const EXCERPT: usize = 80;

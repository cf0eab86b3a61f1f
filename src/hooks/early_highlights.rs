//! Keeps a copy of where an article's highlights are drawn for its page's early script
//! (`reader_core::early`, `src/early_highlights.js`): on the reader's next visit they appear
//! with the text, before the app has started.

use leptos::prelude::*;
use reader_core::article::Article;
use reader_core::early;
use reader_core::placement::Placement;
use reader_core::store::KeyValue;

use crate::storage::BrowserKv;

/// Writes article `article`'s marks whenever `placement` changes (none: the copy goes). Only
/// bundled articles have a prerendered page to draw on. (In the browser only: a prerendered page
/// has no reader.)
pub fn use_early_highlights(
    article: &'static Article,
    placement: Memo<Placement>,
    part_starts: StoredValue<Vec<usize>>,
) {
    if crate::articles::is_own(&article.slug) {
        return;
    }
    let Some(file) = crate::articles::data_file(&article.slug) else {
        return;
    };
    let text = crate::articles::annotatable_text(article);
    let key = early::key(&article.slug);
    Effect::new(move |_| {
        let marks =
            placement.with(|p| part_starts.with_value(|s| early::marks(text, s, &p.placed)));
        // A copy, written again at every drawing: one that cannot be written loses nothing.
        let _ = if marks.is_empty() {
            BrowserKv.remove(&key)
        } else {
            BrowserKv.set(&key, &early::encode(&file, &marks))
        };
    });
}

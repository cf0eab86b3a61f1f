//! Remembering how far the reader got: the first block in view, saved once scrolling stops.

use std::time::Duration;

use leptos::prelude::*;
use reader_core::store::{ReadingPosition, Record};

use super::{use_document_event, use_window_event};
use crate::blocks;
use crate::store::{clock, StoreHandle};

/// Scrolling must rest this long before the position is saved.
const SETTLE: Duration = Duration::from_millis(600);

/// Saves article `slug`'s reading position (a block index) whenever scrolling settles on a
/// new block, and at once when the reader leaves the article or the page before it has.
pub fn use_reading_position(store: StoreHandle, slug: &'static str) {
    // The save waiting for scrolling to rest, if one is, and where the page was scrolled to.
    let timer = StoredValue::new_local(None::<TimeoutHandle>);
    let scrolled_to = StoredValue::new(0.0);
    let save = move || {
        let block = blocks::first_visible();
        let stored = store.with(|s| s.position(slug).map(|p| p.block));
        if stored != Some(block) && store.read_only().is_none() {
            let position = ReadingPosition {
                article: slug.to_string(),
                block,
                updated: clock::now(),
            };
            store.put_unasked(Record::Position(position));
        }
    };
    // Leaving before scrolling has rested (a link followed, the tab closed): the waiting save is
    // made now, while the article is still drawn, unless the page has moved since the reader
    // scrolled it (Back or Forward may already have put it where the next entry was; the app
    // puts the next page at its top after `LEAVING`).
    let leave = move || {
        let Some(Some(handle)) = timer.try_get_value() else {
            return;
        };
        handle.clear();
        timer.set_value(None);
        let still = scrolled_to.try_get_value() == window().scroll_y().ok();
        if still && crate::dom::find(".article-body").is_some() {
            save();
        }
    };
    on_cleanup(leave);
    #[cfg(not(feature = "ssr"))]
    use_window_event(crate::router::LEAVING, false, move |_| leave());
    use_window_event("pagehide", false, move |_| leave());
    use_document_event("scroll", move |_| {
        if let Some(handle) = timer.get_value() {
            handle.clear();
        }
        scrolled_to.set_value(window().scroll_y().unwrap_or(0.0));
        let rested = move || {
            timer.set_value(None);
            save();
        };
        timer.set_value(set_timeout_with_handle(rested, SETTLE).ok());
    });
}

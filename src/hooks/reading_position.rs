//! Remembering how far the reader got: the first block in view, saved once scrolling stops.

use std::time::Duration;

use leptos::prelude::*;
use reader_core::store::{ReadingPosition, Record};

use super::use_document_event;
use crate::blocks;
use crate::store::{clock, StoreHandle};

/// Scrolling must rest this long before the position is saved.
const SETTLE: Duration = Duration::from_millis(600);

/// Saves article `slug`'s reading position (a block index) whenever scrolling settles on a
/// new block.
pub fn use_reading_position(store: StoreHandle, slug: &'static str) {
    let timer = StoredValue::new_local(None::<TimeoutHandle>);
    on_cleanup(move || {
        if let Some(Some(handle)) = timer.try_get_value() {
            handle.clear();
        }
    });
    use_document_event("scroll", move |_| {
        if let Some(handle) = timer.get_value() {
            handle.clear();
        }
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
        timer.set_value(set_timeout_with_handle(save, SETTLE).ok());
    });
}

//! Other tabs learn that the reader's own articles changed (added, replaced or deleted) through a
//! `BroadcastChannel`, and read the list again: no reload needed.

use wasm_bindgen::prelude::*;

const CHANNEL: &str = "reader-own-articles";

thread_local! {
    static OPEN: Option<web_sys::BroadcastChannel> = web_sys::BroadcastChannel::new(CHANNEL).ok();
}

/// Tells the other tabs (this tab has read the list again itself).
pub fn changed() {
    OPEN.with(|c| {
        if let Some(c) = c {
            let _ = c.post_message(&JsValue::from_str("changed"));
        }
    });
}

/// Reads the list again whenever another tab says it changed; for the page's life.
pub fn listen() {
    OPEN.with(|c| {
        let Some(c) = c else { return };
        let on_message = Closure::<dyn Fn()>::new(|| {
            // An article's text may have been replaced: read again when next shown.
            crate::articles::forget_own();
            wasm_bindgen_futures::spawn_local(async {
                if let Err(e) = crate::articles::load_own().await {
                    leptos::logging::warn!("Reader: {}", crate::messages::own_store_error(&e));
                }
            })
        });
        c.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        on_message.forget();
    });
}

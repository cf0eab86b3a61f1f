//! Other tabs learn that the reader's own articles changed (added, replaced, put back or
//! deleted) through a `BroadcastChannel`, and read the list again: no reload needed. A
//! message names the article whose text changed or went, if one did ("" for an article
//! added); a tab showing it draws it again. A tab the browser kept for Back hears none of
//! it meanwhile (WebKit drops the messages): shown again, it reads them again all the same
//! (`provide_store`'s `pageshow`), comparing those it loaded with what is stored.

use wasm_bindgen::prelude::*;

const CHANNEL: &str = "reader-own-articles";

thread_local! {
    static OPEN: Option<web_sys::BroadcastChannel> = web_sys::BroadcastChannel::new(CHANNEL).ok();
}

/// The reader's articles changed in this tab: reads them again here, then tells the other
/// tabs; `slug` is the article whose text was replaced or put back, or which was deleted.
pub async fn changed(slug: Option<&str>) {
    crate::articles::reread_own(slug).await;
    tell(slug);
}

/// Tells the other tabs (this tab has read the list again itself); `slug` as in [`changed`].
pub fn tell(slug: Option<&str>) {
    OPEN.with(|c| {
        if let Some(c) = c {
            let _ = c.post_message(&JsValue::from_str(slug.unwrap_or_default()));
        }
    });
}

/// Reads the list again whenever another tab says it changed; for the page's life.
pub fn listen() {
    OPEN.with(|c| {
        let Some(c) = c else { return };
        let on_message =
            Closure::<dyn Fn(web_sys::MessageEvent)>::new(|m: web_sys::MessageEvent| {
                let slug = m.data().as_string().filter(|s| !s.is_empty());
                wasm_bindgen_futures::spawn_local(async move {
                    crate::articles::reread_own(slug.as_deref()).await
                })
            });
        c.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        on_message.forget();
    });
}

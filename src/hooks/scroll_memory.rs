//! Back and Forward return each page to where the reader left it, as on a plain web site.
//!
//! The browser restores an entry's scroll position as soon as the history step happens, while
//! the page being left is still drawn (too short, or another page); then the app draws the
//! entry's page at the top. So each history entry keeps its own position in its state
//! (`readerScroll`): written a moment after scrolling settles, and just before a link or a jump
//! leaves the entry; put back once the entry's page is drawn and tall enough to hold it.

use std::time::Duration;

use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};

use super::use_window_event;

/// The key of the position in a history entry's state.
const KEY: &str = "readerScroll";
/// Scrolling still this long counts as settled.
const SETTLE: Duration = Duration::from_millis(200);
/// How many frames a restored position waits for its page to be tall enough.
const FRAMES: u32 = 60;

/// Writes the current scroll position into the current history entry, keeping what else its
/// state holds.
pub fn remember_scroll() {
    let window = window();
    let Ok(history) = window.history() else {
        return;
    };
    let state = js_sys::Object::new();
    if let Ok(old) = history.state() {
        if old.is_object() {
            js_sys::Object::assign(&state, old.unchecked_ref());
        }
    }
    let y = window.scroll_y().unwrap_or(0.0).round();
    let _ = js_sys::Reflect::set(&state, &KEY.into(), &y.into());
    let _ = history.replace_state(&state, "");
}

/// The scroll position the current history entry keeps, if it keeps one: the page was left
/// from there, and a reload or a history step puts the reader back there.
pub fn remembered() -> Option<f64> {
    if crate::dom::PRERENDERING {
        return None;
    }
    let state = window().history().ok()?.state().ok()?;
    read(&state)
}

fn read(state: &JsValue) -> Option<f64> {
    if !state.is_object() {
        return None;
    }
    js_sys::Reflect::get(state, &KEY.into()).ok()?.as_f64()
}

/// Keeps and restores every history entry's scroll position while the calling component
/// (the app's shell) lives.
pub fn use_scroll_memory() {
    if crate::dom::PRERENDERING {
        return;
    }
    let timer = StoredValue::new_local(None::<TimeoutHandle>);
    super::use_document_event("scroll", move |_| {
        if let Some(t) = timer.get_value() {
            t.clear();
        }
        timer.set_value(set_timeout_with_handle(remember_scroll, SETTLE).ok());
    });
    // Before the router follows a link (its listener runs later, in the bubbling phase).
    use_window_event("click", true, |event| {
        let link = event
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|e| e.closest("a[href]").ok().flatten());
        if link.is_some() {
            remember_scroll();
        }
    });
    use_window_event("popstate", false, move |event| {
        if let Some(t) = timer.get_value() {
            t.clear();
        }
        let y = js_sys::Reflect::get(&event, &"state".into())
            .ok()
            .and_then(|s| read(&s));
        if let Some(y) = y {
            restore(y, FRAMES);
        }
    });
}

/// Scrolls to `y` once the page drawn for the entry can scroll that far (or after `frames`).
fn restore(y: f64, frames: u32) {
    request_animation_frame(move || {
        let window = window();
        let room = document().document_element().map_or(0.0, |e| {
            let height = window
                .inner_height()
                .ok()
                .and_then(|h| h.as_f64())
                .unwrap_or(0.0);
            f64::from(e.scroll_height()) - height
        });
        if room + 1.0 >= y || frames == 0 {
            window.scroll_to_with_x_and_y(0.0, y);
        } else {
            restore(y, frames - 1);
        }
    });
}

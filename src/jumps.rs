//! Moving the reader to a place in the article, and back.
//!
//! Every jump inside an article (a key fact's words, a highlight or bookmark from the panel,
//! "continue where you left off") is a history entry: the address gets the place's fragment
//! (`#p-12`, `#hl-<id>`), so the browser's Back returns to where the reader was (the browser
//! keeps each entry's scroll position), and the address can be shared or bookmarked. An
//! address with such a fragment lands on it: scrolled to, marked for a moment and focused.

use std::time::Duration;

use leptos::prelude::*;
use wasm_bindgen::JsValue;

use crate::dom::{by_id, reveal};

/// How long a place landed on stays marked; matches the CSS animation.
const MARKED: Duration = Duration::from_millis(2600);

/// The fragment of block `n`.
pub fn paragraph(n: usize) -> String {
    format!("p-{n}")
}

/// The fragment of the highlight with `id`.
pub fn highlight(id: &str) -> String {
    format!("hl-{id}")
}

/// A link's fragment for `id`: encoded, as ids may hold any character.
pub fn fragment(id: &str) -> String {
    js_sys::encode_uri_component(id).into()
}

/// Jumps to the element `id` (a fragment made by [`paragraph`] or [`highlight`]) as a new
/// history entry, and marks it; false if it is not on the page.
pub fn jump(id: &str) -> bool {
    let Some(target) = by_id(id) else {
        return false;
    };
    remember(id);
    land_on(&target);
    true
}

/// Makes the place named `id` a new history entry: the browser keeps the scroll position of
/// the entry left, and Back returns there.
pub fn remember(id: &str) {
    let window = window();
    if let (Ok(history), Ok(path), Ok(search)) = (
        window.history(),
        window.location().pathname(),
        window.location().search(),
    ) {
        let here = format!("{path}{search}#{}", fragment(id));
        crate::hooks::scroll_memory::remember_scroll();
        let _ = history.push_state_with_url(&JsValue::NULL, "", Some(&here));
    }
}

/// Scrolls to `target`, focuses it and marks it for a moment.
pub fn land_on(target: &web_sys::HtmlElement) {
    reveal(target);
    mark(target);
}

/// Marks `element` for a moment (restarting the mark if it is already shown).
pub fn mark(element: &web_sys::HtmlElement) {
    let classes = element.class_list();
    let _ = classes.remove_1("is-flashing");
    let _ = element.offset_width(); // restart the animation when chosen again
    let _ = classes.add_1("is-flashing");
    let element = element.clone();
    set_timeout(
        move || {
            let _ = element.class_list().remove_1("is-flashing");
        },
        MARKED,
    );
}

/// The place the address names, if any: the id in its fragment.
pub fn addressed() -> Option<String> {
    let hash = window().location().hash().ok()?;
    let id = hash.strip_prefix('#')?;
    let decoded = js_sys::decode_uri_component(id).ok()?.as_string()?;
    (!decoded.is_empty()).then_some(decoded)
}

/// Lands on the place the address names when the article opens: a paragraph at once, a
/// highlight once it is placed (`placement` says when it changes).
pub fn use_landing(placement: Memo<crate::hooks::placement::Placement>) {
    if crate::dom::PRERENDERING {
        return;
    }
    let done = StoredValue::new(false);
    Effect::new(move |_| {
        let pending = placement.with(|p| !p.pending.is_empty());
        if done.get_value() {
            return;
        }
        let Some(id) = addressed() else {
            done.set_value(true);
            return;
        };
        if let Some(target) = by_id(&id) {
            done.set_value(true);
            crate::dom::after_render(move || land_on(&target));
        } else if !pending {
            // Not on the page (a highlight that could not be placed): stay at the top.
            done.set_value(true);
        }
    });
}

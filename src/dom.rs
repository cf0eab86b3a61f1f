//! Small helpers over the browser document: titles, scrolling to an element, focus.

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{HtmlElement, ScrollBehavior, ScrollIntoViewOptions, ScrollLogicalPosition};

pub const APP_NAME: &str = "Reader";

/// True while the components are rendered to HTML at build time (`bin/prerender.rs`): there
/// is no browser then, so listeners, storage and measurements are left out, and the page is
/// drawn as on a first visit.
pub const PRERENDERING: bool = cfg!(feature = "ssr");

/// `text` in lower case, for finding words whatever their case: Unicode's default case
/// conversion, which the browser's `toLowerCase` and Rust's `str::to_lowercase` both do. In the
/// browser it is the browser's (text that is all ASCII is folded here): Rust's case tables cost
/// the main module 16.5 KB raw, 4.5 KB brotli (3 December 2026).
pub fn lowercase(text: &str) -> String {
    if PRERENDERING {
        #[cfg(feature = "ssr")]
        return text.to_lowercase();
    }
    if text.is_ascii() {
        return text.to_ascii_lowercase();
    }
    js_sys::JsString::from(text).to_lower_case().into()
}

/// Sets the tab title: the page's own name, then the app's. When prerendering, the title is
/// kept for the page's `<title>`.
///
/// Not leptos_meta's `<Title>`: in the browser it would bring leptos_meta's head management
/// into the first download for one string, and when prerendering its title only reaches the
/// page through a `ServerMetaContext` that Leptos's server integrations stream into `<head>`;
/// our prerenderer renders components to a string and fills Trunk's template itself
/// (`prerender::fill`), so a thread-local handing it the title is the smaller, plainer way.
pub fn set_title(page: &str) {
    let title = if page.is_empty() {
        APP_NAME.to_string()
    } else {
        format!("{page} · {APP_NAME}")
    };
    if PRERENDERING {
        PRERENDERED_TITLE.with(|t| *t.borrow_mut() = title);
    } else {
        document().set_title(&title);
    }
}

thread_local! {
    static PRERENDERED_TITLE: std::cell::RefCell<String> = const { std::cell::RefCell::new(String::new()) };
}

/// The title the last prerendered page set.
#[cfg(feature = "ssr")]
pub fn prerendered_title() -> String {
    PRERENDERED_TITLE.with(|t| t.borrow().clone())
}

/// Runs `f` once the page is drawn (not when prerendering).
pub fn after_render(f: impl FnOnce() + 'static) {
    if !PRERENDERING {
        request_animation_frame(f);
    }
}

/// Scrolls `element` to the middle of the view (smoothly, unless the reader asked for reduced
/// motion) and moves focus to it without a second scroll, making it focusable if it is not.
pub fn reveal(element: &HtmlElement) {
    let options = ScrollIntoViewOptions::new();
    options.set_block(ScrollLogicalPosition::Center);
    if !prefers_reduced_motion() {
        options.set_behavior(ScrollBehavior::Smooth);
    }
    element.scroll_into_view_with_scroll_into_view_options(&options);
    if element.get_attribute("tabindex").is_none() {
        let _ = element.set_attribute("tabindex", "-1");
    }
    focus_in_place(element);
}

/// Moves focus to `element` without scrolling the page.
pub fn focus_in_place(element: &HtmlElement) {
    let focus = web_sys::FocusOptions::new();
    focus.set_prevent_scroll(true);
    let _ = element.focus_with_options(&focus);
}

/// The element whose id is `id` (any id: a highlight's may hold `:` and `/`, which a CSS
/// selector would need escaped).
pub fn by_id(id: &str) -> Option<HtmlElement> {
    document()
        .get_element_by_id(id)
        .and_then(|e| e.dyn_into().ok())
}

/// The first element matching `selector`.
pub fn find(selector: &str) -> Option<HtmlElement> {
    document()
        .query_selector(selector)
        .ok()
        .flatten()
        .and_then(|e| e.dyn_into().ok())
}

/// True when the key event comes from a field where typing must not trigger shortcuts.
pub fn typing_in_field(event: &web_sys::KeyboardEvent) -> bool {
    let Some(target) = event
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
    else {
        return false;
    };
    matches!(target.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT")
        || target.closest("[contenteditable]").ok().flatten().is_some()
}

fn prefers_reduced_motion() -> bool {
    window()
        .match_media("(prefers-reduced-motion: reduce)")
        .ok()
        .flatten()
        .is_some_and(|m| m.matches())
}

//! The app's router: which page the address names ([`crate::routes::page`]), links followed
//! without reloading, Back and Forward.
//!
//! Written for the app's three pages instead of `leptos_router`, which cost the main module
//! more than anything else of its size: measured (2 December 2026, release build, `wasm-opt
//! -Oz`), the app with the router taken out was 112 KB raw and 34 KB brotli smaller. What it
//! did for the app is kept: a link within the app's root (a relative `href` resolved against
//! the page's `<base>`, see routes.rs) is followed as a history entry without reloading, unless
//! the reader asked the browser for something else (a modifier key, another button, a
//! `target`, `download` or `rel="external"`) or something on the way already handled the click;
//! Back and Forward show the page of the address they come to; a followed link shows the top
//! of its page, or the element its fragment names. A link to a fragment alone (`#notes`)
//! stays on the page it is on, though the `<base>` would resolve it to the root.

use leptos::prelude::*;

use crate::routes::{self, Page};

/// Where the app is: the address's path (as the address bar shows it, with the root's path),
/// its query (with its `?`) and its fragment (with its `#`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Address {
    pub path: String,
    pub query: String,
    pub fragment: String,
}

impl Address {
    /// The value of `name` in its query, decoded (as `URLSearchParams` reads it).
    #[cfg(not(feature = "ssr"))]
    pub fn query_value(&self, name: &str) -> Option<String> {
        web_sys::UrlSearchParams::new_with_str(&self.query)
            .ok()?
            .get(name)
    }

    /// Never, when prerendering: the page is drawn without its query.
    #[cfg(feature = "ssr")]
    pub fn query_value(&self, _name: &str) -> Option<String> {
        None
    }

    #[cfg(not(feature = "ssr"))]
    fn current() -> Address {
        let location = window().location();
        Address {
            path: location.pathname().unwrap_or_default(),
            query: location.search().unwrap_or_default(),
            fragment: location.hash().unwrap_or_default(),
        }
    }
}

/// The address, for the app's components ([`use_address`]), and the page it names
/// ([`use_page`]), worked out once per change of address.
#[derive(Clone, Copy)]
struct Here {
    address: RwSignal<Address>,
    page: Memo<Page>,
}

/// Provides the address: `path` when prerendering, the browser's otherwise, following links
/// and history steps from then on.
pub fn provide_router(#[allow(unused_variables)] path: &str) {
    #[cfg(feature = "ssr")]
    let address = Address {
        path: path.to_string(),
        ..Address::default()
    };
    #[cfg(not(feature = "ssr"))]
    let address = Address::current();
    let here = RwSignal::new(address);
    // The root's path, read once: the page's `<base>` does not change.
    let base = routes::router_base();
    let page = {
        let base = base.clone();
        Memo::new(move |_| here.with(|a| routes::page(&routes::relative(&a.path, &base))))
    };
    provide_context(Here {
        address: here,
        page,
    });
    #[cfg(not(feature = "ssr"))]
    listen(here, base);
}

/// The address, changing as the reader follows links and steps through history.
pub fn use_address() -> ReadSignal<Address> {
    expect_context::<Here>().address.read_only()
}

/// Which page the address names; changes only when the page does.
pub fn use_page() -> Memo<Page> {
    expect_context::<Here>().page
}

/// Goes to `to` (an absolute path, with any query and fragment) as a new history entry.
#[cfg(not(feature = "ssr"))]
pub fn navigate(to: &str) {
    let Some(here) = use_context::<Here>() else {
        return;
    };
    go(here.address, to);
}

/// The event the window gets just before the app follows a link or goes to an address: the
/// page is still as the reader left it (drawn, scrolled) for those who keep something of it
/// (`hooks::reading_position`); the new address is at its top right after.
#[cfg(not(feature = "ssr"))]
pub const LEAVING: &str = "reader-leaving";

#[cfg(not(feature = "ssr"))]
fn go(here: RwSignal<Address>, to: &str) {
    let window = window();
    if let Ok(leaving) = web_sys::Event::new(LEAVING) {
        let _ = window.dispatch_event(&leaving);
    }
    let now = here.with_untracked(|a| format!("{}{}{}", a.path, a.query, a.fragment));
    if to != now {
        if let Ok(history) = window.history() {
            let _ = history.push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(to));
        }
    }
    here.set(Address::current());
    // The top at once (the new page is drawn at the next tick, from there); the element the
    // fragment names once it is drawn. Not at the next frame: a reader (or a test) may have
    // scrolled by then.
    let Some(id) = crate::jumps::addressed() else {
        window.scroll_to_with_x_and_y(0.0, 0.0);
        return;
    };
    leptos::task::spawn_local(async move {
        leptos::task::tick().await;
        let Some(element) = crate::dom::by_id(&id) else {
            return;
        };
        element.scroll_into_view();
        // A place in the article (a footnote's note, a section) is marked for a moment and
        // focused, as a jump's is: the reader sees where they landed when it cannot reach the
        // window's top (the last notes), and a keyboard or screen reader goes on from there.
        if element.has_attribute("data-block") {
            if !element.has_attribute("tabindex") {
                let _ = element.set_attribute("tabindex", "-1");
            }
            crate::dom::focus_in_place(&element);
            crate::jumps::mark(&element);
        }
    });
}

/// Follows the app's links and the browser's history steps while the app runs.
#[cfg(not(feature = "ssr"))]
fn listen(here: RwSignal<Address>, base: String) {
    use wasm_bindgen::JsCast;
    // In the bubbling phase, on the window: anything on the way may handle the click first
    // (and say so with `preventDefault`).
    let click = window_event_listener(leptos::ev::click, move |event| {
        if let Some(to) = followed(&event, &base) {
            event.prevent_default();
            go(here, &to);
        }
    });
    let step = window_event_listener(leptos::ev::popstate, move |_| {
        here.set(Address::current());
    });
    on_cleanup(move || {
        click.remove();
        step.remove();
    });

    /// Where a click goes, if it is a link the app follows itself.
    fn followed(event: &web_sys::MouseEvent, base: &str) -> Option<String> {
        if event.default_prevented()
            || event.button() != 0
            || event.meta_key()
            || event.alt_key()
            || event.ctrl_key()
            || event.shift_key()
        {
            return None;
        }
        let link: web_sys::HtmlAnchorElement = event
            .target()?
            .dyn_into::<web_sys::Element>()
            .ok()?
            .closest("a")
            .ok()??
            .dyn_into()
            .ok()?;
        let href = link.href();
        let external = link
            .get_attribute("rel")
            .is_some_and(|rel| rel.split_ascii_whitespace().any(|r| r == "external"));
        if href.is_empty()
            || !link.target().is_empty()
            || link.has_attribute("download")
            || external
        {
            return None;
        }
        // A link within the page written `href="#notes"`: the page's `<base>` would make it the
        // root's (the library), so it is followed here, the same page at that fragment. (An
        // article's own such links are drawn with its page's address already, so that a copy
        // or a new tab is right too: `Block::runs_on_page`.)
        if let Some(fragment) = link.get_attribute("href").filter(|h| h.starts_with('#')) {
            let Address { path, query, .. } = Address::current();
            return Some(format!("{path}{query}{fragment}"));
        }
        let url = web_sys::Url::new(&href).ok()?;
        let path = url.pathname();
        if url.origin() != window().location().origin().ok()?
            || !(path.starts_with(&format!("{base}/")) || path == base)
        {
            return None;
        }
        Some(format!("{path}{}{}", url.search(), url.hash()))
    }
}

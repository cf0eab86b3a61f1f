//! Starting the app in the browser over a prerendered page.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// Pins the page's `<base>` to the app's root, reads the library's index and the page's own
/// article (files the page names and has been downloading meanwhile), then draws the app in
/// place of the prerendered markup. The app renders the same components that produced that
/// markup, and the old nodes are removed in the same task, before the browser paints again: the
/// reader sees no flash, no jump and no doubled content, only the page becoming interactive.
/// `<html data-app>` then says the app is running. If the files cannot be read, the page stays
/// as it is, readable (`<html data-app-failed>` says why).
pub fn start() {
    std::panic::set_hook(Box::new(stopped));
    keep_first_error();
    pin_base();
    wasm_bindgen_futures::spawn_local(async {
        match crate::articles::load_for_page().await {
            Ok(()) => {
                // The library is a part of the app's module of its own: here before the app
                // takes over the prerendered library, which would otherwise go blank a moment
                // (the page names it, and its loader has been fetching it meanwhile). If it
                // cannot be fetched, the app says so in its place.
                #[cfg(feature = "lazy")]
                if document()
                    .query_selector(crate::parts::NAMES_LIBRARY)
                    .ok()
                    .flatten()
                    .is_some()
                {
                    let _ = crate::pages::preload_library().await;
                }
                take_over()
            }
            Err(why) => {
                leptos::logging::error!("Reader: {why}; the page is left as it is.");
                if let Some(html) = document().document_element() {
                    let _ = html.set_attribute("data-app-failed", &why);
                }
            }
        }
    });
}

/// A panic stops the app (the build aborts on panic). Besides the console's report, the
/// reader is told at the top of the page, and `<html data-app-panic>` keeps the message and
/// the JavaScript stack for whoever looks at the page afterwards (a test's failure report
/// prints it). The stack names WebAssembly functions by number: a build from the same commit
/// is byte for byte the same, so they can be looked up in it. Written with the DOM directly:
/// the reactive system may be mid-update.
fn stopped(info: &std::panic::PanicHookInfo) {
    console_error_panic_hook::hook(info);
    let document = document();
    if let Some(html) = document.document_element() {
        if html.has_attribute("data-app-panic") {
            return; // Told already.
        }
        let stack = js_sys::Reflect::get(&js_sys::Error::new(""), &"stack".into())
            .ok()
            .and_then(|s| s.as_string())
            .unwrap_or_default();
        let _ = html.set_attribute("data-app-panic", &format!("{info}\n{stack}"));
    }
    let (Some(body), Ok(alert), Ok(reload)) = (
        document.body(),
        document.create_element("p"),
        document.create_element("a"),
    ) else {
        return;
    };
    alert.set_class_name("notice app-stopped");
    let _ = alert.set_attribute("role", "alert");
    alert.set_text_content(Some(crate::messages::APP_STOPPED));
    // A link the browser follows itself (the router leaves rel="external" alone): the app's
    // own listeners may not run any more. Without its fragment, or it would only scroll.
    let href = window().location().href().unwrap_or_default();
    let here = href.split('#').next().unwrap_or_default();
    let _ = reload.set_attribute("href", here);
    let _ = reload.set_attribute("rel", "external");
    reload.set_text_content(Some(crate::messages::RELOAD));
    let _ = alert.append_with_str_1(" ");
    let _ = alert.append_with_node_1(&reload);
    let _ = body.prepend_with_node_1(&alert);
}

/// The first JavaScript error nobody caught, or promise rejected with none to handle it, is
/// kept in `<html data-app-error>` (its message and stack) for whoever looks at the page
/// afterwards, as a test's failure report does. Not a panic: an exception thrown through the
/// app's WebAssembly (a stack overflow, a call that threw) abandons what the app was doing
/// without running its clean-up, and what fails later (a task found still borrowed) says
/// nothing of why. A panic's own trap, which follows its report, is kept too if first.
fn keep_first_error() {
    let keep = crate::hooks::function(|e: web_sys::Event| {
        let Some(html) = document().document_element() else {
            return;
        };
        if !html.has_attribute("data-app-error") {
            // An `ErrorEvent`'s error (`null` if the browser keeps it from the page), or a
            // `PromiseRejectionEvent`'s reason, written as wasm-bindgen writes a value: an
            // `Error` as `JsValue(<name>: <message>\n<stack>)`.
            let get = |key: &str| js_sys::Reflect::get(&e, &key.into()).unwrap_or_default();
            let error = Some(get("error"))
                .filter(|v| !v.is_undefined())
                .unwrap_or_else(|| get("reason"));
            let _ = html.set_attribute("data-app-error", &format!("{} {error:?}", e.type_()));
        }
    });
    for kind in ["error", "unhandledrejection"] {
        let _ =
            window().add_event_listener_with_callback_and_bool(kind, keep.unchecked_ref(), false);
    }
}

/// Draws the app in place of the prerendered page, keeping the reader's scroll and focus.
fn take_over() {
    let body = document().body().expect("a page has a body");
    let nodes = body.child_nodes();
    let prerendered: Vec<web_sys::Node> = (0..nodes.length())
        .filter_map(|i| nodes.item(i))
        .filter(|n| n.dyn_ref::<web_sys::HtmlScriptElement>().is_none())
        .collect();
    // A reader may have scrolled or tabbed to a link before the app started: both are kept.
    let scroll = window().scroll_y().unwrap_or(0.0);
    let focused = document()
        .active_element()
        .and_then(|e| element_path(&body, &e));
    leptos::mount::mount_to_body(|| view! { <crate::app::App /> });
    // Parts of the page are drawn a moment later, by effects (still before the next paint):
    // the prerendered page goes, and the reader's place is put back, once they are there.
    // Putting it back any earlier could meet a page too short for it, and the reader would be
    // left at the top (a reload at 77% read came back at 0).
    leptos::task::spawn_local(async move {
        leptos::task::tick().await;
        for node in prerendered {
            if let Some(parent) = node.parent_node() {
                let _ = parent.remove_child(&node);
            }
        }
        window().scroll_to_with_x_and_y(0.0, scroll);
        if let Some(element) = focused.and_then(|path| element_at(&body, &path)) {
            crate::dom::focus_in_place(&element);
        }
        if let Some(html) = document().document_element() {
            let _ = html.set_attribute("data-app", "running");
        }
    });
}

/// Each page's `<base href>` is relative ("./", "../../") so the build works under any path.
/// The app changes the address without reloading, which would move a relative base; the
/// absolute URL it resolves to now stays right for the whole visit.
fn pin_base() {
    let document = document();
    let (Ok(Some(base)), Ok(Some(uri))) = (document.query_selector("base"), document.base_uri())
    else {
        return;
    };
    let _ = base.set_attribute("href", &uri);
}

/// Where `element` sits under `root`, as child-element indices (the same markup gives the same
/// path).
fn element_path(root: &web_sys::HtmlElement, element: &web_sys::Element) -> Option<Vec<u32>> {
    let mut path = Vec::new();
    let mut current = element.clone();
    while current != **root {
        let parent = current.parent_element()?;
        let siblings = parent.children();
        let index =
            (0..siblings.length()).find(|&i| siblings.item(i).as_ref() == Some(&current))?;
        path.push(index);
        current = parent;
    }
    path.reverse();
    (!path.is_empty()).then_some(path)
}

fn element_at(root: &web_sys::HtmlElement, path: &[u32]) -> Option<web_sys::HtmlElement> {
    let mut current: web_sys::Element = root.clone().into();
    for &index in path {
        current = current.children().item(index)?;
    }
    current.dyn_into().ok()
}

//! A listener on the document, or the window, for as long as the calling component lives.

use leptos::prelude::*;
use send_wrapper::SendWrapper;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};

/// Listens for `event` on the document until the calling component is cleaned up: then the
/// listener is removed, and its closure, owned by the JavaScript function, goes with it.
/// Nothing is added when prerendering.
pub fn use_document_event(event: &'static str, handler: impl Fn(web_sys::Event) + 'static) {
    if !crate::dom::PRERENDERING {
        listen(document().into(), event, false, function(handler));
    }
}

/// Listens for `event` on the window (in the capturing phase if `capture`) until the calling
/// component is cleaned up, as [`use_document_event`] does on the document.
pub fn use_window_event(
    event: &'static str,
    capture: bool,
    handler: impl Fn(web_sys::Event) + 'static,
) {
    if !crate::dom::PRERENDERING {
        listen(window().into(), event, capture, function(handler));
    }
}

/// `handler` as a JavaScript function, which owns it.
pub(crate) fn function(handler: impl Fn(web_sys::Event) + 'static) -> JsValue {
    Closure::<dyn Fn(web_sys::Event)>::new(handler).into_js_value()
}

/// The part common to every listener, written once in the module whatever the handler.
fn listen(target: web_sys::EventTarget, event: &'static str, capture: bool, function: JsValue) {
    let _ =
        target.add_event_listener_with_callback_and_bool(event, function.unchecked_ref(), capture);
    let held = SendWrapper::new((target, function));
    on_cleanup(move || {
        let (target, function) = &*held;
        let _ = target.remove_event_listener_with_callback_and_bool(
            event,
            function.unchecked_ref(),
            capture,
        );
    });
}

//! A listener on the document for as long as the calling component lives.

use leptos::prelude::*;
use send_wrapper::SendWrapper;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

/// Listens for `event` on the document until the calling component is cleaned up: then the
/// listener is removed, and its closure, owned by the JavaScript function, goes with it.
/// Nothing is added when prerendering.
pub fn use_document_event(event: &'static str, handler: impl Fn(web_sys::Event) + 'static) {
    if crate::dom::PRERENDERING {
        return;
    }
    let function = Closure::<dyn Fn(web_sys::Event)>::new(handler).into_js_value();
    let _ = document().add_event_listener_with_callback(event, function.unchecked_ref());
    let function = SendWrapper::new(function);
    on_cleanup(move || {
        let _ = document().remove_event_listener_with_callback(event, function.unchecked_ref());
    });
}

//! A modal dialog on the native `<dialog>`: the browser keeps focus inside and makes the page
//! behind inert; Escape or Close closes it and focus goes back to where it was.
//!
//! Not in the prerendered pages (`ssr`): a dialog opens only once the app runs, and the first
//! paint need not parse or lay out three closed dialogs.

use leptos::prelude::*;
#[cfg(not(feature = "ssr"))]
use wasm_bindgen::JsCast;

#[cfg(not(feature = "ssr"))]
#[component]
pub fn Modal(
    open: RwSignal<bool>,
    title: &'static str,
    id: &'static str,
    children: Children,
) -> impl IntoView {
    let dialog = NodeRef::<leptos::html::Dialog>::new();
    let opener = StoredValue::new_local(None::<web_sys::HtmlElement>);
    Effect::new(move |_| {
        let Some(d) = dialog.get() else { return };
        if open.get() {
            if !d.open() {
                opener.set_value(document().active_element().and_then(|e| e.dyn_into().ok()));
                let _ = d.show_modal();
            }
        } else if d.open() {
            d.close();
        }
    });
    let on_close = move |_| {
        open.set(false);
        // Browsers that do not restore focus themselves leave it on the body: put it back.
        let lost = document()
            .active_element()
            .is_none_or(|e| e == document().body().unwrap().into());
        if let Some(el) = opener.get_value().filter(|_| lost) {
            let _ = el.focus();
        }
    };
    let heading = format!("{id}-title");
    let labelled_by = heading.clone();
    view! {
        <dialog class="modal" id=id aria-labelledby=labelled_by node_ref=dialog on:close=on_close>
            <div class="modal-head">
                <h2 id=heading>{title}</h2>
                <button type="button" class="modal-close" on:click=move |_| open.set(false)>"Close"</button>
            </div>
            {children()}
        </dialog>
    }
}

/// Prerendered: nothing (see the module's documentation).
#[cfg(feature = "ssr")]
#[component]
pub fn Modal(
    open: RwSignal<bool>,
    title: &'static str,
    id: &'static str,
    children: Children,
) -> impl IntoView {
    let _ = (open, title, id, children);
}

//! A modal dialog on the native `<dialog>`: the browser keeps focus inside and makes the page
//! behind inert; Escape or Close closes it and focus goes back to where it was.
//!
//! The page behind being inert, so is the app's live region (`Notices`): a screen reader does
//! not hear what is announced there while a dialog is open ("Colour changed to red", "Pinned
//! as a key fact", "Quote copied", a failure to save). So each dialog repeats, in a live region
//! of its own, what the app announces while it is open, but not what was said before it
//! opened, which the reader has heard already; unless the dialog says it opened with the
//! change just announced (`says_opening`: the editor that "Note" opens on the highlight it
//! made), whose words were announced in a region made inert at the same moment.
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
    /// Read as the dialog opens: whether what was said last came with its opening, and is the
    /// dialog's to say.
    #[prop(optional)]
    says_opening: Option<RwSignal<bool>>,
    children: Children,
) -> impl IntoView {
    let dialog = NodeRef::<leptos::html::Dialog>::new();
    let opener = StoredValue::new_local(None::<web_sys::HtmlElement>);
    let said = crate::store::use_store().said;
    // The store's two slots as they are while the dialog is open (see `StoreHandle::announce`
    // for why two), emptied when it closes.
    let heard = [RwSignal::new(String::new()), RwSignal::new(String::new())];
    let repeat = move || {
        for (slot, words) in heard.iter().zip(said.map(|s| s.get_untracked())) {
            slot.set(words);
        }
    };
    // Not on its first run: a dialog drawn open (the editor, in a part fetched as it first
    // opens) would repeat what was said before. Nor before it is shown: words said as it
    // opens are its to say only if `says_opening`.
    Effect::new(move |ran: Option<()>| {
        for s in said {
            s.track();
        }
        if ran.is_some() && dialog.get_untracked().is_some_and(|d| d.open()) {
            repeat();
        }
    });
    Effect::new(move |_| {
        let Some(d) = dialog.get() else { return };
        if open.get() {
            if !d.open() {
                opener.set_value(document().active_element().and_then(|e| e.dyn_into().ok()));
                let _ = d.show_modal();
                if says_opening.is_some_and(|s| s.get_untracked()) {
                    repeat();
                }
            }
        } else if d.open() {
            d.close();
        }
    });
    let on_close = move |_| {
        open.set(false);
        for slot in heard {
            slot.set(String::new());
        }
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
            {super::notices::said_region(heard)}
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
    #[prop(optional)] says_opening: Option<RwSignal<bool>>,
    children: Children,
) -> impl IntoView {
    let _ = (open, title, id, says_opening, children);
}

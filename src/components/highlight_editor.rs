//! Editing one highlight: its colour, its note, copying its quote, deleting it. A modal dialog
//! that opens when the reader activates a highlight; Escape or Close returns focus to it.

use leptos::prelude::*;
use reader_core::store::{Color, Highlight, Record, RecordKind};

use super::modal::Modal;
use crate::store::clock::now;
use crate::store::use_store;

#[component]
pub fn HighlightEditor(
    opened: RwSignal<Option<String>>,
    focus_note: RwSignal<bool>,
) -> impl IntoView {
    let store = use_store();
    let open = RwSignal::new(false);
    Effect::new(move |_| open.set(opened.get().is_some()));
    Effect::new(move |_| {
        if !open.get() && opened.get_untracked().is_some() {
            opened.set(None);
        }
    });
    let current = Memo::new(move |_| {
        let id = opened.get()?;
        store.with(|s| s.highlights.get(&id).cloned())
    });
    // Drawn once per highlight opened: a change elsewhere (a reading position saved, another
    // tab, a new colour) updates the controls but never wipes a note being typed.
    let shown = Memo::new(move |_| current.with(|h| h.as_ref().map(|h| h.id.clone())));
    view! {
        <Modal open=open title="Highlight" id="hl-editor">
            {move || shown.get().map(|_| editor(current, focus_note, open))}
        </Modal>
    }
}

fn editor(
    current: Memo<Option<Highlight>>,
    focus_note: RwSignal<bool>,
    open: RwSignal<bool>,
) -> impl IntoView {
    let store = use_store();
    let h = current
        .get_untracked()
        .expect("drawn for an open highlight");
    let note = RwSignal::new(h.note.clone());
    let textarea = NodeRef::<leptos::html::Textarea>::new();
    let first_swatch = NodeRef::<leptos::html::Button>::new();
    // After the dialog has opened (and focused its first control), focus the note or colour,
    // unless the reader is already typing the note (focus never leaves a field being typed in).
    crate::dom::after_render(move || {
        // An editor closed before this frame leaves the focus (and `focus_note`) to the next one.
        let Some(t) = textarea
            .try_get_untracked()
            .flatten()
            .filter(|t| t.is_connected())
        else {
            return;
        };
        let typing = document().active_element().is_some_and(|e| {
            let field: &web_sys::Element = &t;
            &e == field
        });
        if focus_note.get_untracked() {
            focus_note.set(false);
            let _ = t.focus();
        } else if let Some(b) = first_swatch.get_untracked().filter(|_| !typing) {
            let _ = b.focus();
        }
    });
    // Each change applies to the highlight as stored now.
    let save = move |change: &dyn Fn(&mut Highlight), done: &str| {
        if let Some(mut h) = current.get_untracked() {
            change(&mut h);
            h.modified = now();
            store.put(Record::Highlight(h), done);
        }
    };
    let set_color = move |color: Color| {
        save(
            &|h| h.color = color,
            &format!("Colour changed to {}", color.label().to_lowercase()),
        )
    };
    let save_note = move || {
        let text = note.get_untracked().trim().to_string();
        save(&|h| h.note = text.clone(), "Note saved")
    };
    let remove_note = move || {
        note.set(String::new());
        save(&|h| h.note.clear(), "Note removed")
    };
    let quote = h.selectors.quote.exact.clone();
    let copy = {
        let quote = quote.clone();
        move || {
            let _ = window().navigator().clipboard().write_text(&quote);
            store.announcement.set("Quote copied".into());
        }
    };
    let delete = {
        let id = h.id.clone();
        move || {
            store.delete(RecordKind::Highlight, &id, "Highlight deleted");
            open.set(false);
        }
    };
    let disabled = move || store.read_only().is_some();
    let has_note = move || current.with(|h| h.as_ref().is_some_and(|h| !h.note.is_empty()));
    let pressed = move |color: Color| {
        current
            .with(|h| h.as_ref().is_some_and(|h| h.color == color))
            .to_string()
    };
    view! {
        <blockquote class="hl-editor-quote">{quote}</blockquote>
        {move || store.read_only().map(|why| view! { <p class="hl-editor-readonly">{why}</p> })}
        <div class="hl-editor-colors" role="group" aria-label="Colour">
            {Color::all()
                .iter()
                .enumerate()
                .map(|(i, &color)| {
                    view! {
                        <button
                            type="button"
                            class=format!("swatch hl-{}", color.name())
                            node_ref=if i == 0 { first_swatch } else { NodeRef::new() }
                            aria-label=color.label()
                            aria-pressed=move || pressed(color)
                            disabled=disabled
                            on:click=move |_| set_color(color)
                        ></button>
                    }
                })
                .collect_view()}
        </div>
        <label class="hl-editor-label" for="hl-note">"Note"</label>
        <textarea
            id="hl-note"
            class="hl-editor-note"
            rows="4"
            node_ref=textarea
            prop:value=move || note.get()
            on:input=move |e| note.set(event_target_value(&e))
            disabled=disabled
        ></textarea>
        <div class="hl-editor-actions">
            <button type="button" class="primary" disabled=disabled on:click=move |_| save_note()>"Save note"</button>
            <Show when=has_note>
                <button type="button" disabled=disabled on:click=move |_| remove_note()>"Remove note"</button>
            </Show>
            <button type="button" on:click=move |_| copy()>"Copy quote"</button>
            <button type="button" class="danger" disabled=disabled on:click=move |_| delete()>"Delete highlight"</button>
        </div>
    }
}

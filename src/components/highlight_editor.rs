//! Editing one highlight: its colour, its note, copying its quote, deleting it. A modal dialog
//! that opens when the reader activates a highlight; Escape or Close returns focus to it.

use leptos::prelude::*;
use reader_core::store::{Color, Highlight, Record, RecordKind};

use super::modal::Modal;
use crate::annotations::clock::now;
use crate::annotations::use_annotations;

#[component]
pub fn HighlightEditor(
    opened: RwSignal<Option<String>>,
    focus_note: RwSignal<bool>,
) -> impl IntoView {
    let annotations = use_annotations();
    let open = RwSignal::new(false);
    Effect::new(move |_| open.set(opened.get().is_some()));
    Effect::new(move |_| {
        if !open.get() && opened.get_untracked().is_some() {
            opened.set(None);
        }
    });
    let current = move || {
        let id = opened.get()?;
        annotations.with(|s| s.highlights.get(&id).cloned())
    };
    view! {
        <Modal open=open title="Highlight" id="hl-editor">
            {move || current().map(|h| editor(h, focus_note, open))}
        </Modal>
    }
}

fn editor(h: Highlight, focus_note: RwSignal<bool>, open: RwSignal<bool>) -> impl IntoView {
    let annotations = use_annotations();
    let read_only = annotations.read_only();
    let note = RwSignal::new(h.note.clone());
    let textarea = NodeRef::<leptos::html::Textarea>::new();
    let first_swatch = NodeRef::<leptos::html::Button>::new();
    // After the dialog has opened (and focused its first control), focus the note or colour.
    crate::dom::after_render(move || {
        if focus_note.get_untracked() {
            focus_note.set(false);
            if let Some(t) = textarea.get_untracked() {
                let _ = t.focus();
            }
        } else if let Some(b) = first_swatch.get_untracked() {
            let _ = b.focus();
        }
    });
    let save = move |changes: Highlight, done: &str| {
        annotations.put(
            Record::Highlight(Highlight {
                modified: now(),
                ..changes
            }),
            done,
        );
    };
    let set_color = {
        let h = h.clone();
        move |color: Color| {
            save(
                Highlight { color, ..h.clone() },
                &format!("Colour changed to {}", color.label().to_lowercase()),
            )
        }
    };
    let save_note = {
        let h = h.clone();
        move || {
            save(
                Highlight {
                    note: note.get_untracked().trim().to_string(),
                    ..h.clone()
                },
                "Note saved",
            )
        }
    };
    let remove_note = {
        let h = h.clone();
        move || {
            note.set(String::new());
            save(
                Highlight {
                    note: String::new(),
                    ..h.clone()
                },
                "Note removed",
            )
        }
    };
    let quote = h.selectors.quote.exact.clone();
    let copy = {
        let quote = quote.clone();
        move || {
            let _ = window().navigator().clipboard().write_text(&quote);
            annotations.announcement.set("Quote copied".into());
        }
    };
    let delete = {
        let id = h.id.clone();
        move || {
            annotations.delete(RecordKind::Highlight, &id, "Highlight deleted");
            open.set(false);
        }
    };
    let disabled = read_only.is_some();
    let has_note = !h.note.is_empty();
    view! {
        <blockquote class="hl-editor-quote">{quote}</blockquote>
        {read_only.map(|why| view! { <p class="hl-editor-readonly">{why}</p> })}
        <div class="hl-editor-colors" role="group" aria-label="Colour">
            {Color::all()
                .iter()
                .enumerate()
                .map(|(i, &color)| {
                    let set_color = set_color.clone();
                    view! {
                        <button
                            type="button"
                            class=format!("swatch hl-{}", color.name())
                            node_ref=if i == 0 { first_swatch } else { NodeRef::new() }
                            aria-label=color.label()
                            aria-pressed=(color == h.color).to_string()
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
            {has_note.then(|| view! { <button type="button" disabled=disabled on:click=move |_| remove_note()>"Remove note"</button> })}
            <button type="button" on:click=move |_| copy()>"Copy quote"</button>
            <button type="button" class="danger" disabled=disabled on:click=move |_| delete()>"Delete highlight"</button>
        </div>
    }
}

//! Editing one highlight: its colour, its note, copying its quote, deleting it. Opens when the
//! reader activates a highlight; Escape or Close returns focus to the highlight.

use leptos::prelude::*;
use reader_core::store::{Color, Highlight, Record, RecordKind};

use crate::annotations::clock::now;
use crate::annotations::use_annotations;
use crate::dom::find;

#[component]
pub fn HighlightEditor(
    opened: RwSignal<Option<String>>,
    focus_note: RwSignal<bool>,
) -> impl IntoView {
    let annotations = use_annotations();
    let current = move || {
        let id = opened.get()?;
        annotations.with(|s| s.highlights.get(&id).cloned())
    };
    let close = move || {
        if let Some(id) = opened.get_untracked() {
            opened.set(None);
            if let Some(mark) = find(&format!("#hl-{id}")) {
                let _ = mark.focus();
            }
        }
    };
    move || {
        let highlight = current()?;
        Some(editor(
            highlight,
            annotations.read_only(),
            focus_note,
            close,
        ))
    }
}

fn editor(
    h: Highlight,
    read_only: Option<String>,
    focus_note: RwSignal<bool>,
    close: impl Fn() + Copy + 'static,
) -> impl IntoView {
    let annotations = use_annotations();
    let note = RwSignal::new(h.note.clone());
    let textarea = NodeRef::<leptos::html::Textarea>::new();
    let first_button = NodeRef::<leptos::html::Button>::new();
    Effect::new(move |_| {
        if focus_note.get_untracked() {
            if let Some(t) = textarea.get() {
                let _ = t.focus();
            }
            focus_note.set(false);
        } else if let Some(b) = first_button.get() {
            let _ = b.focus();
        }
    });
    let save = {
        let h = h.clone();
        move |changes: Highlight, done: &str| {
            let _ = &h;
            annotations.put(
                Record::Highlight(Highlight {
                    modified: now(),
                    ..changes
                }),
                done,
            );
        }
    };
    let set_color = {
        let (h, save) = (h.clone(), save.clone());
        move |color: Color| {
            save(
                Highlight { color, ..h.clone() },
                &format!("Colour changed to {}", color.label().to_lowercase()),
            )
        }
    };
    let save_note = {
        let (h, save) = (h.clone(), save.clone());
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
        let (h, save) = (h.clone(), save.clone());
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
            let clipboard = window().navigator().clipboard();
            let _ = clipboard.write_text(&quote);
            annotations.announcement.set("Quote copied".into());
        }
    };
    let delete = {
        let id = h.id.clone();
        move || {
            annotations.delete(RecordKind::Highlight, &id, "Highlight deleted");
            close();
        }
    };
    let disabled = read_only.is_some();
    let has_note = !h.note.is_empty();
    view! {
        <div
            class="hl-editor"
            role="dialog"
            aria-labelledby="hl-editor-title"
            on:keydown=move |e| {
                if e.key() == "Escape" {
                    e.prevent_default();
                    close();
                }
            }
        >
            <h2 id="hl-editor-title" class="hl-editor-title">"Highlight"</h2>
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
                                node_ref=if i == 0 { first_button } else { NodeRef::new() }
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
                <button type="button" on:click=move |_| close()>"Close"</button>
            </div>
        </div>
    }
}

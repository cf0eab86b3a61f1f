//! Editing one highlight: its colour, its note, whether it is pinned as a key fact (and the
//! reader's short statement of the fact), copying its quote, deleting it. A modal dialog that
//! opens when the reader activates a highlight; Escape or Close returns focus to it.
//!
//! The note saves itself as the reader types (a moment after they pause, and at once when the
//! editor closes), and says so beside the field; nothing typed is thrown away. Deleting offers
//! Undo, and focus moves to the next highlight (or the one before, or the headline).

use std::time::Duration;

use leptos::prelude::*;
use reader_core::store::{Color, Highlight, Record, MAX_FACT};

use super::annotated_text::Drawing;
use super::modal::Modal;
use super::undo::use_undo;
use crate::components::show_if;
use crate::store::clock::now;
use crate::store::use_store;

/// A pause in typing this long saves the note.
const SETTLE: Duration = Duration::from_millis(700);

/// Where the note stands, as the line under it says.
#[derive(Clone, Debug, PartialEq)]
enum NoteState {
    /// As stored.
    Kept,
    /// Typed, saved after a pause.
    Typing,
    Saved,
    Removed,
    /// Kept in this tab only: why.
    Failed(String),
}

/// Where the editor puts focus when it opens.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum EditorFocus {
    /// The first colour: the highlight was opened to look at or change.
    #[default]
    Colour,
    /// The note: "Highlight with a note" made it.
    Note,
    /// The key fact's statement: "Pin as key fact" made it.
    Fact,
}

#[component]
pub fn HighlightEditor(drawing: Drawing, focus: RwSignal<EditorFocus>) -> impl IntoView {
    let store = use_store();
    let opened = drawing.opened;
    let open = RwSignal::new(false);
    // Opened by "Note" or "Key fact" on the highlight they made (which set where the focus
    // goes), not by the reader activating one: what they said is the editor's to say.
    let made = RwSignal::new(false);
    Effect::new(move |_| {
        let is_open = opened.get().is_some();
        // Closed: where this opening's focus was to go is spent, even if it closed before its
        // first frame could use it; the next highlight activated starts at its colour.
        if !is_open && focus.get_untracked() != EditorFocus::Colour {
            focus.set(EditorFocus::default());
        }
        made.set(focus.get_untracked() != EditorFocus::Colour);
        open.set(is_open);
    });
    Effect::new(move |_| {
        if !open.get() && opened.get_untracked().is_some() {
            opened.set(None);
        }
    });
    let current = Memo::new(move |_| {
        let id = opened.get()?;
        store.with(|s| s.highlight(&id).cloned())
    });
    // Drawn once per highlight opened: a change elsewhere (a reading position saved, another
    // tab, a new colour) updates the controls but never wipes a note being typed.
    let shown = Memo::new(move |_| current.with(|h| h.as_ref().map(|h| h.id.clone())));
    view! {
        <Modal open=open title="Highlight" id="hl-editor" says_opening=made>
            {move || shown.get().map(|_| editor(current, focus, open, drawing))}
        </Modal>
    }
}

fn editor(
    current: Memo<Option<Highlight>>,
    focus: RwSignal<EditorFocus>,
    open: RwSignal<bool>,
    drawing: Drawing,
) -> impl IntoView {
    let store = use_store();
    let undo = use_undo();
    let h = current
        .get_untracked()
        .expect("drawn for an open highlight");
    let note = RwSignal::new(h.note.clone());
    // The statement as typed; kept while the fact is unpinned, so pinning again brings it back.
    let statement = RwSignal::new(h.fact.clone().unwrap_or_default());
    let state = RwSignal::new(NoteState::Kept);
    let textarea = NodeRef::<leptos::html::Textarea>::new();
    let fact_field = NodeRef::<leptos::html::Input>::new();
    let first_swatch = NodeRef::<leptos::html::Button>::new();
    // After the dialog has opened (and focused its first control), focus the note, the fact's
    // statement or the colour, unless the reader is already typing in a field (focus never
    // leaves a field being typed in).
    crate::dom::after_render(move || {
        // An editor closed before this frame leaves the focus (and `focus`) to the next one.
        let Some(t) = textarea
            .try_get_untracked()
            .flatten()
            .filter(|t| t.is_connected())
        else {
            return;
        };
        let fact_input = fact_field.get_untracked();
        let typing = document().active_element().is_some_and(|e| {
            let field: &web_sys::Element = &t;
            &e == field
                || fact_input.as_ref().is_some_and(|f| {
                    let f: &web_sys::Element = f;
                    &e == f
                })
        });
        // The reader already went on from where the dialog put the focus (its Close button):
        // a frame can come late (WebKit), and taking the focus back then would undo their Tab
        // presses.
        let moved_on = document().active_element().is_some_and(|e| {
            e.closest("dialog").ok().flatten().is_some() && !e.class_list().contains("modal-close")
        });
        let wanted = focus.get_untracked();
        focus.set(EditorFocus::default());
        if moved_on && !typing {
            return;
        }
        match (wanted, fact_input) {
            (EditorFocus::Note, _) => {
                let _ = t.focus();
            }
            (EditorFocus::Fact, Some(f)) => {
                let _ = f.focus();
            }
            _ => {
                if let Some(b) = first_swatch.get_untracked().filter(|_| !typing) {
                    let _ = b.focus();
                }
            }
        }
    });
    // The highlight as stored now, read by its id: still there while the editor closes, when
    // `current` already follows the next one opened (or none).
    let read = move |id: &str| store.with_untracked(|s| s.highlight(id).cloned()).flatten();
    let id = StoredValue::new(h.id.clone());
    let stored = move || id.try_get_value().and_then(|id| read(&id));
    // The note and the statement as this editor last saw them stored: a field differs from
    // them only where the reader typed here. Another tab's change shows in a field not typed
    // in, and closing writes back only what was typed here (never undoing that change).
    let seen = StoredValue::new((h.note.clone(), h.fact.clone().unwrap_or_default()));
    Effect::new(move |_| {
        let Some((now_note, now_fact)) = current.with(|c| {
            c.as_ref()
                .filter(|c| id.try_with_value(|id| *id == c.id) == Some(true))
                .map(|c| (c.note.clone(), c.fact.clone()))
        }) else {
            return;
        };
        let Some((seen_note, seen_said)) = seen.try_get_value() else {
            return;
        };
        if now_note != seen_note {
            if note.get_untracked().trim() == seen_note.trim() {
                note.set(now_note.clone());
            }
            seen.update_value(|s| s.0 = now_note);
        }
        if let Some(said) = now_fact.filter(|said| *said != seen_said) {
            if statement.get_untracked().trim() == seen_said.trim() {
                statement.set(said.clone());
            }
            seen.update_value(|s| s.1 = said);
        }
    });
    // Each change applies to the highlight as stored now; returns whether it was saved.
    let save = move |change: &dyn Fn(&mut Highlight), done: &str| -> bool {
        let Some(mut h) = stored() else {
            return false;
        };
        change(&mut h);
        h.modified = now();
        store.put(Record::Highlight(h), done)
    };
    let stored_note = move || stored().map(|h| h.note);
    // Typed back to what is stored: nothing to save, so the line no longer says it will.
    let untyped = move || {
        if state.try_get_untracked() == Some(NoteState::Typing) {
            let _ = state.try_set(NoteState::Kept);
        }
    };
    // Saves the note if it differs from the stored one; returns whether it did. Not once the
    // editor is gone: removing the focused note fires its `blur` (Chromium) after the editor
    // was cleaned up, which saved what was typed.
    let save_note = move || {
        let Some(text) = note.try_get_untracked() else {
            return false;
        };
        let text = text.trim().to_string();
        if stored_note().as_deref() == Some(text.as_str()) {
            untyped();
            return false;
        }
        let _ = state.try_set(if save(&|h| h.note = text.clone(), "Note saved") {
            NoteState::Saved
        } else {
            NoteState::Failed(store.last_said())
        });
        true
    };
    let timer = StoredValue::new_local(None::<TimeoutHandle>);
    let typed = move |text: String| {
        note.set(text);
        state.set(NoteState::Typing);
        if let Some(t) = timer.get_value() {
            t.clear();
        }
        timer.set_value(
            set_timeout_with_handle(
                move || {
                    save_note();
                },
                SETTLE,
            )
            .ok(),
        );
    };
    // Closing the editor saves what was typed, at once; so does leaving the page (the tab
    // closed or reloaded, another site), where nothing is cleaned up.
    let closing = h.id.clone();
    let keep_typed = move || {
        if let Some(Some(t)) = timer.try_get_value() {
            t.clear();
        }
        let (Some(text), Some(said), Some((seen_note, seen_said)), Some(h)) = (
            note.try_get_untracked(),
            statement.try_get_untracked(),
            seen.try_get_value(),
            read(&closing),
        ) else {
            return;
        };
        let (text, said) = (text.trim().to_string(), said.trim().to_string());
        let text = if text != seen_note.trim() {
            text
        } else {
            h.note.clone()
        };
        let fact = match &h.fact {
            Some(_) if said != seen_said.trim() => Some(said),
            other => other.clone(),
        };
        let note_changed = text != h.note;
        if note_changed || fact != h.fact {
            let done = if note_changed {
                "Note saved"
            } else {
                "Key fact saved"
            };
            queue_microtask(move || {
                let mut h = h;
                h.note = text;
                h.fact = fact;
                h.modified = now();
                let saved = store.put(Record::Highlight(h), done);
                // The line under the note says so, for a page kept by the browser and shown
                // again (Back); on the editor's closing there is no line left to say it.
                if note_changed {
                    let _ = state.try_set(if saved {
                        NoteState::Saved
                    } else {
                        NoteState::Failed(store.last_said())
                    });
                }
            });
        }
        if !note_changed {
            untyped();
        }
    };
    crate::hooks::use_window_event("pagehide", false, {
        let keep_typed = keep_typed.clone();
        move |_| keep_typed()
    });
    on_cleanup(keep_typed);
    let pinned = move || current.with(|h| h.as_ref().is_some_and(|h| h.fact.is_some()));
    // Saves the statement if it differs from the stored one (of a pinned highlight).
    let save_statement = move || {
        // As the note's: the field's `change` may come once the editor is gone.
        let Some(said) = statement.try_get_untracked() else {
            return;
        };
        let said = said.trim().to_string();
        if stored().is_some_and(|h| h.fact.as_ref().is_some_and(|f| *f != said)) {
            save(&|h| h.fact = Some(said.clone()), "Key fact saved");
        }
    };
    let set_pinned = move |pin: bool| {
        let said = statement.get_untracked().trim().to_string();
        if pin {
            save(&|h| h.fact = Some(said.clone()), "Pinned as a key fact");
            crate::dom::after_render(move || {
                // Not if the editor was closed before this frame (its field is gone with it).
                if let Some(f) = fact_field.try_get_untracked().flatten() {
                    let _ = f.focus();
                }
            });
        } else {
            save(&|h| h.fact = None, "No longer a key fact");
        }
    };
    let set_color = move |color: Color| {
        save(
            &|h| h.color = color,
            &format!("Colour changed to {}", color.label().to_ascii_lowercase()),
        );
    };
    let remove_note = move || {
        if let Some(t) = timer.get_value() {
            t.clear();
        }
        note.set(String::new());
        save(&|h| h.note.clear(), "Note removed");
        state.set(NoteState::Removed);
    };
    let quote = h.selectors.quote.exact.clone();
    let copy = {
        let quote = quote.clone();
        move || {
            let _ = window().navigator().clipboard().write_text(&quote);
            store.announce("Quote copied".into());
        }
    };
    let delete = {
        let id = h.id.clone();
        move || {
            let Some(mut gone) = stored() else {
                return;
            };
            // What was typed goes with it, and comes back with Undo.
            gone.note = note.get_untracked().trim().to_string();
            if gone.fact.is_some() {
                gone.fact = Some(statement.get_untracked().trim().to_string());
            }
            if let Some(t) = timer.get_value() {
                t.clear();
            }
            let neighbour = drawing.neighbour(&id);
            undo.delete(Record::Highlight(gone), "Highlight");
            open.set(false);
            crate::dom::after_render(move || {
                let target = neighbour
                    .and_then(|n| crate::dom::by_id(&format!("hl-{n}")))
                    .or_else(|| crate::dom::find("#article-title"));
                if let Some(target) = target {
                    crate::dom::reveal(&target);
                }
            });
        }
    };
    let disabled = move || store.read_only().is_some();
    let pressed = move |color: Color| {
        current
            .with(|h| h.as_ref().is_some_and(|h| h.color == color))
            .to_string()
    };
    // The line under the note is a live region of two slots, the words in one, as the
    // store's is (`StoreHandle::announce`): "Save note" pressed with the note already saved
    // moves them to the other, so that a screen reader hears them again (the same words
    // written again into one would not be heard, and the press would seem to do nothing).
    let slot = RwSignal::new(0usize);
    let status = move || match state.get() {
        NoteState::Kept => String::new(),
        NoteState::Typing => "Saving as you type…".into(),
        NoteState::Saved => "Note saved".into(),
        NoteState::Removed => "Note removed".into(),
        NoteState::Failed(why) => why,
    };
    view! {
        <blockquote class="hl-editor-quote">{quote}</blockquote>
        {move || store.read_only_reason().map(|why| view! { <p class="hl-editor-readonly">{why}</p> })}
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
        <div class="hl-editor-fact">
            <input
                type="checkbox"
                id="hl-pin"
                prop:checked=pinned
                disabled=disabled
                on:change=move |e| set_pinned(event_target_checked(&e))
            />
            <label for="hl-pin">"Pin as a key fact"</label>
            {show_if(
                pinned,
                move || view! {
                    <label class="hl-editor-label" for="hl-fact">"The fact in a few words (optional)"</label>
                    <input
                        type="text"
                        id="hl-fact"
                        class="hl-editor-statement"
                        maxlength=MAX_FACT.to_string()
                        node_ref=fact_field
                        aria-describedby="hl-fact-hint"
                        prop:value=move || statement.get()
                        on:input=move |e| statement.set(event_target_value(&e))
                        on:change=move |_| save_statement()
                        on:keydown=move |e: web_sys::KeyboardEvent| {
                            if e.key() == "Enter" {
                                e.prevent_default();
                                save_statement();
                                open.set(false);
                            }
                        }
                        disabled=disabled
                    />
                    <p id="hl-fact-hint" class="hl-editor-status">"Listed under Key facts; empty, the highlighted words are the fact. Enter saves and closes."</p>
                },
                ViewFn::default(),
            )}
        </div>
        <label class="hl-editor-label" for="hl-note">"Note"</label>
        <textarea
            id="hl-note"
            class="hl-editor-note"
            rows="4"
            node_ref=textarea
            aria-describedby="hl-note-status"
            prop:value=move || note.get()
            on:input=move |e| typed(event_target_value(&e))
            on:blur=move |_| {
                save_note();
            }
            disabled=disabled
        ></textarea>
        <p
            id="hl-note-status"
            class="hl-editor-status"
            class:failed=move || matches!(state.get(), NoteState::Failed(_))
            aria-live="polite"
        >
            {[0, 1]
                .map(|i| {
                    view! { <span>{move || if slot.get() == i { status() } else { String::new() }}</span> }
                })}
        </p>
        <div class="hl-editor-actions">
            <button
                type="button"
                class="primary"
                disabled=disabled
                on:click=move |_| {
                    if !save_note() {
                        state.set(NoteState::Saved);
                    }
                    slot.update(|i| *i = 1 - *i);
                }
            >
                "Save note"
            </button>
            <button
                type="button"
                disabled=move || disabled() || note.with(|n| n.trim().is_empty())
                on:click=move |_| remove_note()
            >
                "Remove note"
            </button>
            <button type="button" on:click=move |_| copy()>"Copy quote"</button>
            <button type="button" class="danger" disabled=disabled on:click=move |_| delete()>"Delete highlight"</button>
        </div>
    }
}

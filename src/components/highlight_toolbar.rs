//! The small toolbar over a text selection: highlight in a colour, highlight with a note, or
//! bookmark the paragraph. Keyboard: `h` highlights, `n` highlights and opens the note.

use leptos::prelude::*;
use reader_core::store::Color;

use crate::hooks::selection::Selected;

/// What the reader asked for on the current selection.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum SelectionAction {
    Highlight(Color),
    HighlightWithNote,
    Bookmark,
}

#[component]
pub fn HighlightToolbar(
    selected: RwSignal<Option<Selected>>,
    on_action: Callback<SelectionAction>,
) -> impl IntoView {
    let position = move || {
        selected.get().map(|s| {
            let r = s.rect;
            let (left, top, width, height) = (r.left, r.top, r.width, r.height);
            let window = window();
            let scroll_x = window.scroll_x().unwrap_or(0.0);
            let scroll_y = window.scroll_y().unwrap_or(0.0);
            let view_width = window
                .inner_width()
                .ok()
                .and_then(|w| w.as_f64())
                .unwrap_or(1024.0);
            // Centred under the selection, kept inside the viewport.
            let x =
                (left + width / 2.0 - 170.0).clamp(8.0, (view_width - 348.0).max(8.0)) + scroll_x;
            format!(
                "left: {x:.0}px; top: {:.0}px",
                top + height + scroll_y + 10.0
            )
        })
    };
    // Buttons act on mousedown-preserved selection: keep the selection when pressed.
    let keep_selection = |e: web_sys::MouseEvent| e.prevent_default();
    view! {
        <Show when=move || selected.get().is_some()>
            <div class="hl-toolbar" role="toolbar" aria-label="Highlight the selection" style=position>
                {Color::all()
                    .iter()
                    .map(|&color| {
                        view! {
                            <button
                                type="button"
                                class=format!("swatch hl-{}", color.name())
                                aria-label=format!("Highlight {}", color.label().to_lowercase())
                                title=format!("Highlight {} (h)", color.label().to_lowercase())
                                on:mousedown=keep_selection
                                on:click=move |_| on_action.run(SelectionAction::Highlight(color))
                            ></button>
                        }
                    })
                    .collect_view()}
                <button
                    type="button"
                    class="toolbar-text"
                    title="Highlight and add a note (n)"
                    on:mousedown=keep_selection
                    on:click=move |_| on_action.run(SelectionAction::HighlightWithNote)
                >
                    "Note"
                </button>
                <button
                    type="button"
                    class="toolbar-text"
                    title="Bookmark this paragraph"
                    on:mousedown=keep_selection
                    on:click=move |_| on_action.run(SelectionAction::Bookmark)
                >
                    "Bookmark"
                </button>
            </div>
        </Show>
    }
}

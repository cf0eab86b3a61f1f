//! The article's keyboard shortcuts ([`crate::keymap`] says which key asks for what): moving
//! between paragraphs, selecting and highlighting, bookmarking, saving to the reading list.

use leptos::prelude::*;
use reader_core::article::Article;
use reader_core::store::Color;
use wasm_bindgen::JsCast;

use super::selection::{self, Selected};
use super::use_document_event;
use crate::blocks;
use crate::components::{toggle_saved, SelectionAction};
use crate::keymap::{self, Action};
use crate::reading_settings::use_settings;
use crate::store::{create, use_store};

/// Acts on the article's keys while the calling component lives; `act` does what the
/// highlight toolbar does with the selection.
pub fn use_article_keys(
    article: &'static Article,
    selected: RwSignal<Option<Selected>>,
    act: Callback<SelectionAction>,
) {
    let store = use_store();
    let settings = use_settings();
    let slug = article.slug.as_str();
    use_document_event("keydown", move |event| {
        let Some(key) = event.dyn_ref::<web_sys::KeyboardEvent>() else {
            return;
        };
        let Some(action) = keymap::action(key, &settings.get_untracked()) else {
            return;
        };
        let has_selection = selected.get_untracked().is_some();
        match action {
            Action::ExtendSelection | Action::ShrinkSelection if has_selection => {
                key.prevent_default();
                let forward = action == Action::ExtendSelection;
                selection::extend_by_word(if forward { "forward" } else { "backward" });
            }
            Action::Highlight if has_selection => {
                act.run(SelectionAction::Highlight(Color::default()))
            }
            Action::HighlightIn(color) if has_selection => {
                act.run(SelectionAction::Highlight(color))
            }
            // From the story into the toolbar; inside it, Tab moves between its buttons.
            Action::ToolbarFocus if has_selection && !selection::focus_in_toolbar() => {
                if let Some(first) = crate::dom::find(".hl-toolbar button") {
                    key.prevent_default();
                    crate::dom::focus_in_place(&first);
                }
            }
            Action::HighlightWithNote if has_selection => {
                key.prevent_default(); // keep the "n" out of the note field about to open
                act.run(SelectionAction::HighlightWithNote)
            }
            Action::PinFact if has_selection => {
                key.prevent_default(); // keep the "f" out of the statement field about to open
                act.run(SelectionAction::PinFact)
            }
            Action::NextParagraph | Action::PreviousParagraph => {
                let next = match blocks::current() {
                    Some(at) if action == Action::NextParagraph => {
                        (at + 1).min(article.blocks.len() - 1)
                    }
                    Some(at) => at.saturating_sub(1),
                    None => blocks::first_visible(),
                };
                blocks::reveal_block(next);
            }
            Action::SelectNextSentence => {
                if let Some(p) = blocks::element(blocks::at_reader()) {
                    selection::select_next_sentence(&p);
                }
            }
            Action::Bookmark => create::bookmark(store, article, blocks::at_reader(), ""),
            Action::ToggleSaved => toggle_saved(store, slug),
            _ => {}
        }
    });
}

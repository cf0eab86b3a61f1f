//! What the highlight toolbar (or its keys) does with the reader's selection.

use leptos::prelude::*;
use reader_core::anchoring::TextIndex;
use reader_core::article::Article;
use reader_core::store::Color;

use crate::components::{Drawing, EditorFocus, SelectionAction};
use crate::hooks::selection::{self, Selected};
use crate::store::{create, StoreHandle};

/// Everything an action on the selection needs.
#[derive(Clone, Copy)]
pub struct Selection {
    pub article: &'static Article,
    pub store: StoreHandle,
    pub text: StoredValue<TextIndex<'static>>,
    pub part_starts: StoredValue<Vec<usize>>,
    pub selected: RwSignal<Option<Selected>>,
    pub drawing: Drawing,
    /// Where the highlight editor puts focus when it opens.
    pub focus: RwSignal<EditorFocus>,
}

impl Selection {
    /// Highlights, notes, pins or bookmarks the selected words, then clears the selection.
    pub fn act(self, action: SelectionAction) {
        let Some(sel) = self.selected.get_untracked() else {
            return;
        };
        let (store, slug) = (self.store, self.article.slug.as_str());
        if let Some(why) = store.read_only_reason() {
            store.announce(why);
            return;
        }
        let words = (sel.start, sel.end);
        match action {
            SelectionAction::Highlight(color) => {
                self.text
                    .with_value(|t| create::highlight(store, slug, t, words, color, false));
            }
            // Then the editor, for the note, or for the fact's statement (optional: Escape).
            SelectionAction::HighlightWithNote | SelectionAction::PinFact => {
                let fact = action == SelectionAction::PinFact;
                let id = self.text.with_value(|t| {
                    create::highlight(store, slug, t, words, Color::default(), fact)
                });
                self.focus.set(if fact {
                    EditorFocus::Fact
                } else {
                    EditorFocus::Note
                });
                self.drawing.opened.set(Some(id));
            }
            SelectionAction::Bookmark => {
                let block = self
                    .part_starts
                    .with_value(|s| self.article.block_at(s, sel.start));
                create::bookmark(store, self.article, block, "");
            }
        }
        selection::clear();
        self.selected.set(None);
    }
}

//! Taking a deletion back: after the reader deletes a highlight or removes a bookmark, a bar
//! says what went and offers Undo for a few seconds (longer while the pointer or focus is on
//! it). It sits in the banner, so Tab reaches it early, and Ctrl + Z (⌘ + Z) undoes too.

use std::time::Duration;

use leptos::prelude::*;
use reader_core::store::Record;

use crate::components::show_if;
use crate::store::{use_store, StoreHandle};

/// How long the offer stays once nothing holds it.
const OFFER: Duration = Duration::from_secs(8);

/// What was deleted, to put back.
#[derive(Clone, Debug)]
pub struct Undoable {
    /// What the bar says ("Highlight deleted").
    pub message: String,
    /// The records as they were.
    pub records: Vec<Record>,
    /// How they are put back.
    pub restore: Restore,
}

/// How Undo puts back what was deleted.
#[derive(Clone, Debug)]
pub enum Restore {
    /// The records, as they were; then this is said ("Highlight restored").
    Records(String),
    /// Puts back an article of the reader's own (deleted, or replaced by a newer copy) and,
    /// given them instead of their being put back at once, the records: they follow the
    /// article to the slug it goes back to. It says what it did.
    #[cfg_attr(feature = "ssr", allow(dead_code))]
    Article(Callback<Vec<Record>>),
}

/// The one offer to undo, shared through context.
#[derive(Clone, Copy)]
pub struct UndoOffer(RwSignal<Option<(u64, Undoable)>>, StoreHandle);

impl UndoOffer {
    /// Shares the offer; call once, in the shell, after the store is provided.
    pub fn provide() -> UndoOffer {
        let offer = UndoOffer(RwSignal::new(None), use_store());
        provide_context(offer);
        offer
    }

    /// Whether something is offered to undo.
    #[cfg(feature = "lazy")]
    pub fn offered(self) -> bool {
        self.0.read().is_some()
    }

    /// Offers to undo `undoable` (replacing an earlier offer).
    pub fn offer(self, undoable: Undoable) {
        let n = self
            .0
            .with_untracked(|o| o.as_ref().map_or(0, |(n, _)| n + 1));
        self.0.set(Some((n, undoable)));
    }

    /// Deletes `record` and offers to put it back; `what` names it ("Highlight").
    pub fn delete(self, record: Record, what: &str) {
        let deleted = format!("{what} deleted");
        if self.1.delete(record.kind(), record.id(), &deleted) {
            self.offer(Undoable {
                message: format!("{deleted}."),
                records: vec![record],
                restore: Restore::Records(format!("{what} restored")),
            });
        }
    }

    /// Puts back what the current offer is about, if there is one.
    pub fn undo(self) {
        let Some((_, undoable)) = self.0.get_untracked() else {
            return;
        };
        self.0.set(None);
        match undoable.restore {
            Restore::Article(put_back) => put_back.run(undoable.records),
            Restore::Records(restored) => {
                if self.1.put_all(undoable.records) {
                    self.1.announce(restored);
                }
            }
        }
    }
}

pub fn use_undo() -> UndoOffer {
    expect_context::<UndoOffer>()
}

#[component]
pub fn UndoBar() -> impl IntoView {
    let offer = use_undo();
    let held = RwSignal::new(false);
    // Each offer lasts OFFER after it was made or last let go.
    Effect::new(move |_| {
        let Some((n, _)) = offer.0.get() else { return };
        if held.get() {
            return;
        }
        set_timeout(
            move || {
                if !held.get_untracked()
                    && offer.0.with_untracked(|o| o.as_ref().map(|(m, _)| *m)) == Some(n)
                {
                    offer.0.set(None);
                }
            },
            OFFER,
        );
    });
    view! {
        {show_if(
            move || offer.0.read().is_some(),
            move || view! {
                <div
                    class="undo-bar needs-app"
                    role="status"
                    on:mouseenter=move |_| held.set(true)
                    on:mouseleave=move |_| held.set(false)
                    on:focusin=move |_| held.set(true)
                    on:focusout=move |_| held.set(false)
                >
                    <span>{move || offer.0.get().map(|(_, u)| u.message).unwrap_or_default()}</span>
                    <button
                        type="button"
                        class="undo-button"
                        on:click=move |_| offer.undo()
                    >
                        "Undo"
                    </button>
                    <button type="button" class="link-button" aria-label="Dismiss" on:click=move |_| offer.0.set(None)>
                        "×"
                    </button>
                </div>
            },
            ViewFn::default(),
        )}
    }
}

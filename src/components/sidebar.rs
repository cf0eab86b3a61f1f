//! Beside the story: key facts and the reader's own highlights and bookmarks, as two tabs, so
//! either is one step away at the top of the sidebar; the highlights tab counts them, and the
//! count changes as the reader makes one. Where the sidebar falls below the story (narrow
//! windows), a button that stays in view leads to the highlights from anywhere in the article.
//! Without the app both lists are shown one after the other.

use leptos::prelude::*;
use reader_core::article::Article;

use super::annotated_text::Drawing;
use super::{AnnotationsPanel, FactsSidebar, ReadingProgress};
use crate::store::use_store;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Tab {
    Facts,
    Marks,
}

#[component]
pub fn Sidebar(article: &'static Article, drawing: Drawing) -> impl IntoView {
    let store = use_store();
    let slug = article.slug.as_str();
    // Every article has key facts to offer: the author's, and any the reader pins. The
    // reader's marks come first where the author gave none.
    let tab = RwSignal::new(if article.facts.is_empty() {
        Tab::Marks
    } else {
        Tab::Facts
    });
    let count = move || store.with(|s| s.highlights_for(slug).len() + s.bookmarks_for(slug).len());
    let choose = move |t: Tab| {
        tab.set(t);
        let id = match t {
            Tab::Facts => "tab-facts",
            Tab::Marks => "tab-marks",
        };
        if let Some(button) = crate::dom::by_id(id) {
            let _ = button.focus();
        }
    };
    // Arrow keys move between the tabs (the tabs pattern of WAI-ARIA).
    let arrows = move |e: web_sys::KeyboardEvent| match e.key().as_str() {
        "ArrowLeft" | "ArrowRight" | "Home" | "End" => {
            e.prevent_default();
            choose(if tab.get_untracked() == Tab::Facts {
                Tab::Marks
            } else {
                Tab::Facts
            });
        }
        _ => {}
    };
    let to_marks = move |_| {
        tab.set(Tab::Marks);
        crate::jumps::jump("tab-marks");
    };
    view! {
        <div class="sidebar">
            <ReadingProgress article=article />
            <aside class="beside" aria-label="Beside the story">
            <div class="sidebar-tabs needs-app" role="tablist" aria-label="Beside the story" on:keydown=arrows>
                <button
                    type="button"
                    role="tab"
                    id="tab-facts"
                    aria-controls="facts-tab"
                    aria-selected=move || (tab.get() == Tab::Facts).to_string()
                    tabindex=move || if tab.get() == Tab::Facts { "0" } else { "-1" }
                    on:click=move |_| tab.set(Tab::Facts)
                >
                    "Key facts"
                </button>
                <button
                    type="button"
                    role="tab"
                    id="tab-marks"
                    aria-controls="marks-tab"
                    aria-selected=move || (tab.get() == Tab::Marks).to_string()
                    tabindex=move || if tab.get() == Tab::Marks { "0" } else { "-1" }
                    on:click=move |_| tab.set(Tab::Marks)
                >
                    "Your highlights "
                    <span class="tab-count">{count}</span>
                </button>
            </div>
            <div
                id="facts-tab"
                class="tab-panel"
                role="tabpanel"
                aria-labelledby="tab-facts"
                class:unchosen=move || tab.get() != Tab::Facts
            >
                <FactsSidebar article=article drawing=drawing />
            </div>
            <div
                id="marks-tab"
                class="tab-panel needs-app"
                role="tabpanel"
                aria-labelledby="tab-marks"
                class:unchosen=move || tab.get() != Tab::Marks
            >
                <section class="panels" aria-label="Your highlights and bookmarks">
                    <AnnotationsPanel article=article drawing=drawing />
                </section>
            </div>
            <button type="button" class="marks-button needs-app" on:click=to_marks>
                "Your highlights "
                <span class="tab-count">{count}</span>
            </button>
            </aside>
        </div>
    }
}

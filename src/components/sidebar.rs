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

impl Tab {
    /// The tab's button, and the panel it shows.
    fn ids(self) -> (&'static str, &'static str) {
        match self {
            Tab::Facts => ("tab-facts", "facts-tab"),
            Tab::Marks => ("tab-marks", "marks-tab"),
        }
    }

    fn other(self) -> Tab {
        match self {
            Tab::Facts => Tab::Marks,
            Tab::Marks => Tab::Facts,
        }
    }
}

/// Shows tab `chosen` and hides the other. Set on the page by plain DOM code rather than by
/// views following a signal: the tabs are drawn once (as prerendered), with the first one
/// chosen, and only their attributes change.
fn choose(chosen: Tab) {
    for tab in [chosen, chosen.other()] {
        let (button, panel) = tab.ids();
        let is = tab == chosen;
        if let Some(button) = crate::dom::by_id(button) {
            let _ = button.set_attribute("aria-selected", if is { "true" } else { "false" });
            let _ = button.set_attribute("tabindex", if is { "0" } else { "-1" });
        }
        if let Some(panel) = crate::dom::by_id(panel) {
            let _ = panel.class_list().toggle_with_force("unchosen", !is);
        }
    }
}

/// The tab shown now.
fn chosen() -> Tab {
    let facts = crate::dom::by_id("tab-facts")
        .and_then(|b| b.get_attribute("aria-selected"))
        .is_some_and(|s| s == "true");
    if facts {
        Tab::Facts
    } else {
        Tab::Marks
    }
}

#[component]
pub fn Sidebar(article: &'static Article, drawing: Drawing) -> impl IntoView {
    let store = use_store();
    let slug = article.slug.as_str();
    // Every article has key facts to offer: the author's, and any the reader pins. The
    // reader's marks come first where the author gave none.
    let first = if article.facts.is_empty() {
        Tab::Marks
    } else {
        Tab::Facts
    };
    let count = move || store.with(|s| s.highlights_for(slug).len() + s.bookmarks_for(slug).len());
    // Arrow keys move between the tabs (the tabs pattern of WAI-ARIA), and the focus with them.
    let arrows = move |e: web_sys::KeyboardEvent| match e.key().as_str() {
        "ArrowLeft" | "ArrowRight" | "Home" | "End" => {
            e.prevent_default();
            let next = chosen().other();
            choose(next);
            if let Some(button) = crate::dom::by_id(next.ids().0) {
                let _ = button.focus();
            }
        }
        _ => {}
    };
    let to_marks = move |_| {
        choose(Tab::Marks);
        crate::jumps::jump("tab-marks");
    };
    // Drawn in place of another article's sidebar (the page's view rebuilt rather than made
    // anew), the attributes the reader's choice there changed would not be drawn again: they
    // are set now, on that sidebar, before it is rebuilt. Not later: a choice the reader makes
    // as soon as the page is drawn would be undone.
    if !crate::dom::PRERENDERING {
        choose(first);
    }
    let selected = move |t: Tab| if t == first { "true" } else { "false" };
    let tabindex = move |t: Tab| if t == first { "0" } else { "-1" };
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
                    aria-selected=selected(Tab::Facts)
                    tabindex=tabindex(Tab::Facts)
                    on:click=move |_| choose(Tab::Facts)
                >
                    "Key facts"
                </button>
                <button
                    type="button"
                    role="tab"
                    id="tab-marks"
                    aria-controls="marks-tab"
                    aria-selected=selected(Tab::Marks)
                    tabindex=tabindex(Tab::Marks)
                    on:click=move |_| choose(Tab::Marks)
                >
                    "Your highlights "
                    <span class="tab-count">{count}</span>
                </button>
            </div>
            <div
                id="facts-tab"
                class="tab-panel"
                class:unchosen=first != Tab::Facts
                role="tabpanel"
                aria-labelledby="tab-facts"
            >
                <FactsSidebar article=article drawing=drawing />
            </div>
            <div
                id="marks-tab"
                class="tab-panel needs-app"
                class:unchosen=first != Tab::Marks
                role="tabpanel"
                aria-labelledby="tab-marks"
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

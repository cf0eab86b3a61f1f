//! Key facts beside the story: the article's own (from its author), then those the reader
//! pinned. Each is a link to the words that support it, so an author's fact works as plain
//! HTML too; with the app, choosing one scrolls to the words, marks them for a moment and moves
//! focus there (a history entry: Back returns to where the reader was), so keyboard and
//! screen-reader users land on them too. The reader's facts are highlights pinned as key
//! facts: listed in the order of the text, by the reader's statement (or the words
//! themselves), and anchored as highlights are.

use leptos::prelude::*;
use reader_core::article::Article;
use reader_core::reading::excerpt;
use reader_core::store::Highlight;
use wasm_bindgen::JsCast;
use web_sys::HtmlElement;

use super::annotated_text::Drawing;
use crate::components::show_if;
use crate::jumps;
use crate::routes;

/// Length of a pinned fact's words in the list.
const SHORT: usize = 160;

#[component]
pub fn FactsSidebar(article: &'static Article, drawing: Drawing) -> impl IntoView {
    let authors = !article.facts.is_empty();
    // The author's facts are drawn from one string (`Article::facts_list_html`), not a view
    // each; a click on one is taken here.
    let page = routes::article(&article.slug);
    let list = authors.then(|| {
        leptos::tachys::html::InertElement::new(
            article.facts_list_html(|b| format!("{page}#{}", jumps::paragraph(b))),
        )
    });
    let choose = move |e: leptos::ev::MouseEvent| {
        let fact = e
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|t| t.closest("a[data-fact]").ok().flatten())
            .and_then(|a| a.get_attribute("data-fact"))
            .and_then(|id| id.parse::<u16>().ok());
        if let Some(id) = fact {
            e.prevent_default();
            show_source(id, article.block_of_fact(id));
        }
    };
    view! {
        <section class="facts" class:needs-app=!authors aria-labelledby="facts-heading" on:click=choose>
            <h2 id="facts-heading" class="facts-heading tab-heading">"Key facts"</h2>
            {authors.then(|| view! {
                <p class="facts-hint">"Choose a fact to see the words in the story that support it."</p>
                {list}
            })}
            <div class="needs-app">
                {show_if(
                    move || drawing.placement.read().placed.iter().any(|p| p.highlight.fact.is_some()),
                    move || pinned(article, drawing),
                    || view! {
                        <p class="facts-hint">"Pin words of the story as a key fact of your own: select them and choose “Key fact” (or press f)."</p>
                    },
                )}
            </div>
        </section>
    }
}

/// The facts the reader pinned. In the app they are in the part of its module that
/// highlighting is in (see `parts.rs`), fetched once the article has a pinned fact: a reader
/// who pinned one has used highlighting, so it is usually here already, and a first visit that
/// only reads does not download them.
fn pinned(article: &'static Article, drawing: Drawing) -> impl IntoView {
    #[cfg(feature = "lazy")]
    return crate::parts::on_first_use(
        crate::messages::ANNOTATING_PART,
        || true,
        || {},
        move || lazy_pinned(article, drawing),
    );
    #[cfg(not(feature = "lazy"))]
    pinned_list(article, drawing)
}

#[cfg(feature = "lazy")]
#[leptos::wasm_split::wasm_split(annotating, wasm_split_path = ::leptos::wasm_split, fallible)]
fn lazy_pinned(
    article: &'static Article,
    drawing: Drawing,
) -> Result<AnyView, crate::parts::PartNotLoaded> {
    Ok(pinned_list(article, drawing).into_any())
}

/// The pinned facts under their heading (when the author's facts are listed above them), in
/// the order of the text.
fn pinned_list(article: &'static Article, drawing: Drawing) -> impl IntoView {
    // Read once per change of the placement, and drawn again only when the pinned facts
    // themselves change.
    let pinned = Memo::new(move |_| {
        drawing
            .placement
            .read()
            .placed
            .iter()
            .filter(|p| p.highlight.fact.is_some())
            .map(|p| p.highlight.clone())
            .collect::<Vec<_>>()
    });
    let page = StoredValue::new(routes::article(&article.slug));
    view! {
        {(!article.facts.is_empty()).then(|| view! { <h3 class="facts-subheading">"Pinned by you"</h3> })}
        <ol class="facts-list own-facts">
            {move || {
                pinned
                    .get()
                    .into_iter()
                    .map(|h| own_fact(h, &page.read_value()))
                    .collect_view()
            }}
        </ol>
    }
}

/// A fact the reader pinned: their statement (or the words), then the words when a statement
/// names it; a link to the highlight.
fn own_fact(h: Highlight, page: &str) -> impl IntoView {
    let statement = h.fact.clone().unwrap_or_default();
    let words = excerpt(&h.selectors.quote.exact, SHORT);
    let anchor = jumps::highlight(&h.id);
    let href = format!("{page}#{}", jumps::fragment(&anchor));
    let (text, quote) = if statement.trim().is_empty() {
        (words, None)
    } else {
        (statement, Some(words))
    };
    view! {
        <li>
            <a
                class="fact own-fact"
                data-pinned=h.id.clone()
                href=href
                on:click=move |e| {
                    e.prevent_default();
                    jumps::jump(&anchor);
                }
            >
                <span class="fact-text">{text}</span>
                {quote.map(|q| view! { <span class="fact-words">"“" {q} "”"</span> })}
                <span class="visually-hidden">" Show in the story."</span>
            </a>
        </li>
    }
}

/// Brings the words of fact `fact_id` (in block `block`) to the reader, as a history entry.
fn show_source(fact_id: u16, block: Option<usize>) {
    let Ok(found) = document().query_selector_all(&format!("[data-facts~=\"{fact_id}\"]")) else {
        return;
    };
    let spans: Vec<HtmlElement> = (0..found.length())
        .filter_map(|i| found.item(i))
        .filter_map(|node| node.dyn_into::<HtmlElement>().ok())
        .collect();
    let Some(first) = spans.first() else { return };
    if let Some(b) = block {
        jumps::remember(&jumps::paragraph(b));
    }
    crate::dom::reveal(first);
    for span in &spans {
        jumps::mark(span);
    }
}

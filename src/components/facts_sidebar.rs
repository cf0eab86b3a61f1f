//! Key facts beside the story. Each is a link to the paragraph with the words that support
//! it, so it works as plain HTML too; with the app, choosing one scrolls to the words, marks
//! them for a moment and moves focus there (a history entry: Back returns to where the reader
//! was), so keyboard and screen-reader users land on them too.

use leptos::prelude::*;
use reader_core::article::Article;
use wasm_bindgen::JsCast;
use web_sys::HtmlElement;

use crate::jumps;
use crate::routes;

#[component]
pub fn FactsSidebar(article: &'static Article) -> impl IntoView {
    if article.facts.is_empty() {
        return None;
    }
    let page = routes::article(&article.slug);
    let items = article
        .facts
        .iter()
        .map(|fact| {
            let id = fact.id;
            let block = article.block_of_fact(id);
            // Relative to the app's root (the page's <base>), as every link of the app.
            let href = block.map(|b| format!("{page}#{}", jumps::paragraph(b)));
            view! {
                <li>
                    <a
                        class="fact"
                        data-fact=id
                        href=href
                        on:click=move |e| {
                            e.prevent_default();
                            show_source(id, block);
                        }
                    >
                        {fact.topic.clone().map(|t| view! { <span class="fact-topic">{t}</span> })}
                        <span class="fact-text">{fact.text.clone()}</span>
                        <span class="visually-hidden">" Show in the story."</span>
                    </a>
                </li>
            }
        })
        .collect_view();
    Some(view! {
        <section class="facts" aria-labelledby="facts-heading">
            <h2 id="facts-heading" class="facts-heading tab-heading">"Key facts"</h2>
            <p class="facts-hint">"Choose a fact to see the words in the story that support it."</p>
            <ol class="facts-list">{items}</ol>
        </section>
    })
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

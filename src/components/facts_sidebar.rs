//! Key facts beside the story. Choosing one scrolls to the words that support it, marks them
//! for a moment and moves focus there, so keyboard and screen-reader users land on them too.

use std::time::Duration;

use leptos::prelude::*;
use reader_core::article::Fact;
use wasm_bindgen::JsCast;
use web_sys::HtmlElement;

use crate::dom::reveal;

/// How long the supporting words stay marked; matches the CSS animation.
const FLASH: Duration = Duration::from_millis(2600);

#[component]
pub fn FactsSidebar(facts: &'static [Fact]) -> impl IntoView {
    if facts.is_empty() {
        return None;
    }
    let items = facts
        .iter()
        .map(|fact| {
            let id = fact.id;
            view! {
                <li>
                    <button type="button" class="fact" data-fact=id on:click=move |_| show_source(id)>
                        {fact.topic.clone().map(|t| view! { <span class="fact-topic">{t}</span> })}
                        <span class="fact-text">{fact.text.clone()}</span>
                        <span class="visually-hidden">" Show in the story."</span>
                    </button>
                </li>
            }
        })
        .collect_view();
    Some(view! {
        <aside class="facts" aria-labelledby="facts-heading">
            <h2 id="facts-heading" class="facts-heading">"Key facts"</h2>
            <p class="facts-hint needs-app">"Choose a fact to see the words in the story that support it."</p>
            <ol class="facts-list">{items}</ol>
        </aside>
    })
}

fn show_source(fact_id: u16) {
    let Ok(found) = document().query_selector_all(&format!("[data-facts~=\"{fact_id}\"]")) else {
        return;
    };
    let spans: Vec<HtmlElement> = (0..found.length())
        .filter_map(|i| found.item(i))
        .filter_map(|node| node.dyn_into::<HtmlElement>().ok())
        .collect();
    let Some(first) = spans.first() else { return };
    for span in &spans {
        let classes = span.class_list();
        let _ = classes.remove_1("is-flashing");
        let _ = span.offset_width(); // restart the animation when chosen again
        let _ = classes.add_1("is-flashing");
    }
    reveal(first);
    set_timeout(
        move || {
            for span in &spans {
                let _ = span.class_list().remove_1("is-flashing");
            }
        },
        FLASH,
    );
}

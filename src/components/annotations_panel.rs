//! The reader's own marks on this article, in document order: highlights with their notes,
//! bookmarks, and highlights that could not be placed in the current text. Choosing one
//! scrolls to it.

use leptos::prelude::*;
use reader_core::article::Article;
use reader_core::reading::excerpt;
use reader_core::store::RecordKind;

use super::annotated_text::Drawing;
use crate::annotations::clock::day;
use crate::annotations::{create, use_annotations};
use crate::dom::{find, reveal};

/// Length of quotes and paragraph excerpts in the lists.
const SHORT: usize = 140;

#[component]
pub fn AnnotationsPanel(
    article: &'static Article,
    drawing: Drawing,
    current_block: Callback<(), usize>,
) -> impl IntoView {
    let annotations = use_annotations();
    let slug = article.slug.as_str();
    let highlights = move || {
        drawing
            .placement
            .read()
            .placed
            .iter()
            .map(|p| {
                let h = p.highlight.clone();
                let id = h.id.clone();
                let jump = move |_| {
                    if let Some(mark) = find(&format!("#hl-{id}")) {
                        reveal(&mark);
                    }
                };
                view! {
                    <li class="panel-item">
                        <button type="button" class="panel-jump" on:click=jump>
                            <span class=format!("dot hl-{}", h.color.name()) aria-hidden="true"></span>
                            <span class="visually-hidden">{format!("{} highlight: ", h.color.label())}</span>
                            <span class="panel-quote">{excerpt(&h.selectors.quote.exact, SHORT)}</span>
                        </button>
                        {(!h.note.is_empty()).then(|| view! { <p class="panel-note" id=format!("note-{}", h.id)>{h.note.clone()}</p> })}
                        <p class="panel-date"><time datetime=h.created.clone()>{day(&h.created).to_string()}</time></p>
                    </li>
                }
            })
            .collect_view()
    };
    let count = move || drawing.placement.read().placed.len();
    let orphans = move || drawing.placement.read().orphans.clone();
    let bookmarks = move || {
        annotations.with(|s| {
            s.bookmarks_for(slug)
                .into_iter()
                .cloned()
                .collect::<Vec<_>>()
        })
    };
    let label = RwSignal::new(String::new());
    let add_bookmark = move |_| {
        create::bookmark(
            annotations,
            slug,
            current_block.run(()),
            &label.get_untracked(),
        );
        label.set(String::new());
    };
    view! {
        <section class="panel" aria-labelledby="panel-highlights">
            <h2 id="panel-highlights" class="panel-heading">"Your highlights " <span class="count">{count}</span></h2>
            <Show
                when=move || { count() > 0 }
                fallback=|| view! { <p class="panel-empty">"Select text in the story or caption to highlight it."</p> }
            >
                <ol class="panel-list">{highlights}</ol>
            </Show>
            <Show when=move || !orphans().is_empty()>
                <h3 class="panel-subheading">"Could not place"</h3>
                <p class="panel-hint">"The article changed and these passages were not found. They are kept; export or delete them."</p>
                <ul class="panel-list">
                    {move || {
                        orphans()
                            .into_iter()
                            .map(|h| {
                                let id = h.id.clone();
                                view! {
                                    <li class="panel-item orphan">
                                        <p class="panel-quote">{h.selectors.quote.exact.clone()}</p>
                                        {(!h.note.is_empty()).then(|| view! { <p class="panel-note">{h.note.clone()}</p> })}
                                        <button
                                            type="button"
                                            class="link-button"
                                            on:click=move |_| annotations.delete(RecordKind::Highlight, &id, "Highlight deleted")
                                        >
                                            "Delete"
                                        </button>
                                    </li>
                                }
                            })
                            .collect_view()
                    }}
                </ul>
            </Show>
        </section>
        <section class="panel" aria-labelledby="panel-bookmarks">
            <h2 id="panel-bookmarks" class="panel-heading">"Bookmarks"</h2>
            <ul class="panel-list">
                {move || {
                    bookmarks()
                        .into_iter()
                        .map(|b| {
                            let block = b.block;
                            let paragraph = article.blocks.get(block).map(|p| excerpt(&p.plain_text(), SHORT)).unwrap_or_default();
                            let title = if b.label.is_empty() { paragraph.clone() } else { b.label.clone() };
                            let id = b.id.clone();
                            view! {
                                <li class="panel-item">
                                    <button
                                        type="button"
                                        class="panel-jump"
                                        on:click=move |_| {
                                            if let Some(p) = find(&format!("[data-block=\"{block}\"]")) {
                                                reveal(&p);
                                            }
                                        }
                                    >
                                        <span class="panel-quote">{title}</span>
                                    </button>
                                    <button
                                        type="button"
                                        class="link-button"
                                        aria-label=format!("Remove bookmark: {}", if b.label.is_empty() { &paragraph } else { &b.label })
                                        on:click=move |_| annotations.delete(RecordKind::Bookmark, &id, "Bookmark removed")
                                    >
                                        "Remove"
                                    </button>
                                </li>
                            }
                        })
                        .collect_view()
                }}
            </ul>
            <form class="bookmark-form" on:submit=move |e| { e.prevent_default(); add_bookmark(()); }>
                <label for="bookmark-label" class="visually-hidden">"Bookmark label (optional)"</label>
                <input id="bookmark-label" type="text" placeholder="Label (optional)" prop:value=move || label.get() on:input=move |e| label.set(event_target_value(&e)) />
                <button type="submit">"Bookmark this place"</button>
            </form>
        </section>
    }
}

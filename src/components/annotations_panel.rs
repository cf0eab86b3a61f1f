//! The reader's own marks on this article in one list, in document order: highlights (colour,
//! quote, note, date) and bookmarks (label or paragraph, date); then highlights that could not
//! be placed in the current text. Choosing an entry scrolls to it.

use leptos::prelude::*;
use reader_core::article::Article;
use reader_core::reading::excerpt;
use reader_core::store::{Bookmark, Record};

use super::annotated_text::Drawing;
use crate::blocks;
use crate::components::show_if;
use crate::components::use_undo;
use crate::hooks::placement::Placed;
use crate::jumps;
use crate::store::{create, use_store};
use reader_core::store::time::long_date;

/// Length of quotes and paragraph excerpts in the list.
const SHORT: usize = 140;

/// One entry of the list; the position (chars into the article's text) orders them.
#[derive(Clone)]
enum Entry {
    Highlight(Placed),
    Bookmark(Bookmark),
}

impl Entry {
    /// What tells entries apart in the list, and changes when one must be drawn again.
    fn key(&self) -> (String, String) {
        match self {
            Entry::Highlight(p) => (p.highlight.id.clone(), p.highlight.modified.clone()),
            Entry::Bookmark(b) => (b.id.clone(), b.modified.clone()),
        }
    }
}

#[component]
pub fn AnnotationsPanel(article: &'static Article, drawing: Drawing) -> impl IntoView {
    let store = use_store();
    let slug = article.slug.as_str();
    // The entries of the list: the highlights placed in the text and the bookmarks.
    let count =
        move || drawing.placement.read().placed.len() + store.with(|s| s.bookmarks_for(slug).len());
    // The label is read from its field as the form is sent, and the field emptied: nothing
    // else follows what is typed in it.
    let add_bookmark = move || {
        use wasm_bindgen::JsCast;
        let field = crate::dom::by_id("bookmark-label")
            .and_then(|f| f.dyn_into::<web_sys::HtmlInputElement>().ok());
        let label = field.as_ref().map(|f| f.value()).unwrap_or_default();
        create::bookmark(store, article, blocks::first_visible(), &label);
        if let Some(field) = field {
            field.set_value("");
        }
    };
    view! {
        <section class="panel" aria-labelledby="panel-heading">
            <h2 id="panel-heading" class="panel-heading tab-heading">
                "Your highlights and bookmarks "
                <span class="count">{count}</span>
            </h2>
            {show_if(
                move || count() == 0,
                || view! { <p class="panel-empty">"Select text in the story or caption to highlight it."</p> },
                ViewFn::default(),
            )}
            {marks(article, drawing, count)}
            <form
                class="bookmark-form"
                on:submit=move |e| {
                    e.prevent_default();
                    add_bookmark();
                }
            >
                <label for="bookmark-label" class="visually-hidden">"Bookmark label (optional)"</label>
                <input
                    id="bookmark-label"
                    type="text"
                    placeholder="Label (optional)"
                />
                <button type="submit">"Bookmark this place"</button>
            </form>
            {orphans(drawing)}
        </section>
    }
}

/// The list of the reader's marks, and the list of highlights that could not be placed. In the
/// app they are in the part of its module that highlighting is in (see `parts.rs`), fetched when
/// the article first has a mark to list: a first visit that only reads does not download them
/// (a returning reader's comes from the service worker's cache).
fn marks(
    article: &'static Article,
    drawing: Drawing,
    count: impl Fn() -> usize + Copy + Send + Sync + 'static,
) -> impl IntoView {
    #[cfg(feature = "lazy")]
    return crate::parts::on_first_use(
        crate::messages::ANNOTATING_PART,
        move || count() > 0,
        || {},
        move || lazy_marks(article, drawing),
    );
    #[cfg(not(feature = "lazy"))]
    {
        let _ = count;
        marks_list(article, drawing)
    }
}

fn orphans(drawing: Drawing) -> impl IntoView {
    #[cfg(feature = "lazy")]
    return crate::parts::on_first_use(
        crate::messages::ANNOTATING_PART,
        move || !drawing.placement.read().orphans.is_empty(),
        || {},
        move || lazy_orphans(drawing),
    );
    #[cfg(not(feature = "lazy"))]
    orphans_list(drawing)
}

#[cfg(feature = "lazy")]
#[leptos::wasm_split::wasm_split(annotating, wasm_split_path = ::leptos::wasm_split, fallible)]
fn lazy_marks(
    article: &'static Article,
    drawing: Drawing,
) -> Result<AnyView, crate::parts::PartNotLoaded> {
    Ok(marks_list(article, drawing).into_any())
}

#[cfg(feature = "lazy")]
#[leptos::wasm_split::wasm_split(annotating, wasm_split_path = ::leptos::wasm_split, fallible)]
fn lazy_orphans(drawing: Drawing) -> Result<AnyView, crate::parts::PartNotLoaded> {
    Ok(orphans_list(drawing).into_any())
}

/// The reader's marks on the article in document order, while there are any.
fn marks_list(article: &'static Article, drawing: Drawing) -> impl IntoView {
    let store = use_store();
    let slug = article.slug.as_str();
    let starts = StoredValue::new(article.annotatable_part_starts());
    let entries = move || {
        let mut entries: Vec<(usize, Entry)> = drawing
            .placement
            .read()
            .placed
            .iter()
            .map(|p| (p.start, Entry::Highlight(p.clone())))
            .collect();
        let bookmarks = store.with(|s| {
            s.bookmarks_for(slug)
                .into_iter()
                .cloned()
                .collect::<Vec<_>>()
        });
        entries.extend(bookmarks.into_iter().map(|b| {
            let at = starts
                .with_value(|s| s.get(article.part_of_block(b.block)).copied())
                .unwrap_or(usize::MAX);
            (at, Entry::Bookmark(b))
        }));
        // A bookmark on a paragraph comes before the highlights inside it.
        reader_core::sort::sort_by_key(&mut entries, |(at, e)| {
            (*at, matches!(e, Entry::Highlight(_)))
        });
        entries
    };
    show_if(
        move || !entries().is_empty(),
        move || {
            view! {
                <ol class="panel-list">
                    <For each=move || entries().into_iter().map(|(_, e)| e) key=Entry::key let(entry)>
                        {match entry {
                            Entry::Highlight(p) => highlight_item(p).into_any(),
                            Entry::Bookmark(b) => bookmark_item(article, b).into_any(),
                        }}
                    </For>
                </ol>
            }
        },
        ViewFn::default(),
    )
}

/// The highlights that could not be placed in the current text, while there are any.
fn orphans_list(drawing: Drawing) -> impl IntoView {
    let undo = use_undo();
    let orphans = move || drawing.placement.read().orphans.clone();
    show_if(
        move || !orphans().is_empty(),
        move || {
            view! {
                <h3 class="panel-subheading">"Could not place"</h3>
                <p class="panel-hint">
                    "The article changed and these passages were not found. They are kept; export or delete them."
                </p>
                <ul class="panel-list">
                    <For each=orphans key=|h| (h.id.clone(), h.modified.clone()) let(h)>
                        {
                                let gone = Record::Highlight(h.clone());
                                view! {
                                    <li class="panel-item orphan">
                                        <p class="panel-quote">{h.selectors.quote.exact.clone()}</p>
                                        {(!h.note.is_empty()).then(|| view! { <p class="panel-note">{h.note.clone()}</p> })}
                                        <button
                                            type="button"
                                            class="link-button"
                                            on:click=move |_| undo.delete(gone.clone(), "Highlight")
                                        >
                                            "Delete"
                                        </button>
                                    </li>
                                }
                        }
                    </For>
                </ul>
            }
        },
        ViewFn::default(),
    )
}

fn highlight_item(p: Placed) -> impl IntoView {
    let h = p.highlight;
    let id = h.id.clone();
    let jump = move |_| {
        jumps::jump(&jumps::highlight(&id));
    };
    view! {
        <li class="panel-item highlight">
            <button type="button" class="panel-jump" on:click=jump>
                <span class=format!("dot hl-{}", h.color.name()) aria-hidden="true"></span>
                <span class="visually-hidden">{format!("{} highlight: ", h.color.label())}</span>
                {h.fact.is_some().then(|| view! { <span class="panel-badge">"Key fact"</span> " " })}
                <span class="panel-quote">{excerpt(&h.selectors.quote.exact, SHORT)}</span>
            </button>
            {(!h.note.is_empty()).then(|| view! { <p class="panel-note" id=format!("note-{}", h.id)>{h.note.clone()}</p> })}
            <p class="panel-date">
                <time datetime=h.created.clone()>{long_date(&h.created)}</time>
            </p>
        </li>
    }
}

fn bookmark_item(article: &'static Article, b: Bookmark) -> impl IntoView {
    let undo = use_undo();
    let block = b.block;
    let paragraph = article
        .blocks
        .get(block)
        .map(|p| excerpt(&p.plain_text(), SHORT))
        .unwrap_or_default();
    let title = if b.label.is_empty() {
        paragraph
    } else {
        b.label.clone()
    };
    let gone = b.clone();
    view! {
        <li class="panel-item bookmark">
            <button
                type="button"
                class="panel-jump"
                on:click=move |_| {
                    jumps::jump(&jumps::paragraph(block));
                }
            >
                <span class="bookmark-icon" aria-hidden="true"></span>
                <span class="visually-hidden">"Bookmark: "</span>
                <span class="panel-quote">{title.clone()}</span>
            </button>
            <p class="panel-date">
                <time datetime=b.created.clone()>{long_date(&b.created)}</time>
                " "
                <button
                    type="button"
                    class="link-button"
                    aria-label=format!("Remove bookmark: {title}")
                    on:click=move |_| undo.delete(Record::Bookmark(gone.clone()), "Bookmark")
                >
                    "Remove"
                </button>
            </p>
        </li>
    }
}

//! One article: header, figure and body in the reading column; key facts, the reader's
//! highlights and bookmarks beside it. Selecting text offers the highlight toolbar.

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use reader_core::anchoring::TextIndex;
use reader_core::article::Article;
use reader_core::store::{Color, ReadingPosition, Record};

use crate::annotations::placement::use_placement;
use crate::annotations::selection::{self, Selected};
use crate::annotations::{clock, create, use_annotations};
use crate::articles;
use crate::components::toggle_saved;
use crate::components::{
    AnnotationsPanel, ArticleBody, ArticleFigure, ArticleMeta, ContinueReading, Drawing,
    FactsSidebar, HighlightEditor, HighlightToolbar, ReadingListToggle, ReadingProgress,
    SelectionAction,
};
use crate::dom::{find, on_document, reveal, set_title, typing_in_field};
use crate::pages::NotFound;
use crate::reading_settings::use_settings;
use crate::shortcuts::shortcut_key;

#[component]
pub fn ArticlePage() -> impl IntoView {
    let params = use_params_map();
    move || {
        let slug = params.read().get("slug").unwrap_or_default();
        match articles::by_slug(&slug) {
            Some(article) => view! { <ArticleView article=article /> }.into_any(),
            None => view! { <NotFound missing=slug /> }.into_any(),
        }
    }
}

#[component]
fn ArticleView(article: &'static Article) -> impl IntoView {
    set_title(&article.title);
    let annotations = use_annotations();
    let settings = use_settings();
    let slug = article.slug.as_str();
    let text = StoredValue::new(TextIndex::new(articles::annotatable_text(article)));
    let part_starts = StoredValue::new(article.annotatable_part_starts());
    let placement = use_placement(annotations, slug, text);
    let drawing = Drawing {
        placement,
        opened: RwSignal::new(None),
    };
    let focus_note = RwSignal::new(false);
    let selected = RwSignal::new(None::<Selected>);
    let article_ref = NodeRef::<leptos::html::Article>::new();

    on_document("selectionchange", move |_| {
        let Some(root) = article_ref.get_untracked() else {
            return;
        };
        let now = text
            .with_value(|t| part_starts.with_value(|starts| selection::current(&root, starts, t)));
        if now != selected.get_untracked() {
            selected.set(now);
        }
    });

    let act = move |action: SelectionAction| {
        let Some(sel) = selected.get_untracked() else {
            return;
        };
        if let Some(why) = annotations.read_only() {
            annotations.announcement.set(why);
            return;
        }
        match action {
            SelectionAction::Highlight(color) => {
                text.with_value(|t| {
                    create::highlight(annotations, slug, t, sel.start, sel.end, color)
                });
            }
            SelectionAction::HighlightWithNote => {
                let id = text.with_value(|t| {
                    create::highlight(annotations, slug, t, sel.start, sel.end, Color::default())
                });
                focus_note.set(true);
                drawing.opened.set(Some(id));
            }
            SelectionAction::Bookmark => {
                let block = part_starts.with_value(|s| block_at(article, s, sel.start));
                create::bookmark(annotations, slug, block, "");
            }
        }
        selection::clear();
        selected.set(None);
    };
    let on_action = Callback::new(act);

    on_document("keydown", move |event| {
        let Some(key_event) = wasm_bindgen::JsCast::dyn_ref::<web_sys::KeyboardEvent>(&event)
        else {
            return;
        };
        // Shift + arrows grow or shrink a selection in the story by a word.
        if key_event.shift_key()
            && selected.get_untracked().is_some()
            && !typing_in_field(key_event)
        {
            let direction = match key_event.key().as_str() {
                "ArrowRight" => Some("forward"),
                "ArrowLeft" => Some("backward"),
                _ => None,
            };
            if let Some(direction) = direction {
                key_event.prevent_default();
                selection::extend_by_word(direction);
                return;
            }
        }
        let Some(key) = shortcut_key(key_event, &settings.get_untracked()) else {
            return;
        };
        match key.as_str() {
            "h" if selected.get_untracked().is_some() => {
                act(SelectionAction::Highlight(Color::default()))
            }
            "n" if selected.get_untracked().is_some() => {
                key_event.prevent_default(); // keep the "n" out of the note field about to open
                act(SelectionAction::HighlightWithNote)
            }
            "j" | "k" => {
                let next = match current_paragraph() {
                    Some(at) if key == "j" => (at + 1).min(article.blocks.len() - 1),
                    Some(at) => at.saturating_sub(1),
                    None => first_visible_block(),
                };
                if let Some(p) = find(&format!(".article-body [data-block=\"{next}\"]")) {
                    reveal(&p);
                }
            }
            "x" => {
                let block = current_paragraph().unwrap_or_else(first_visible_block);
                if let Some(p) = find(&format!(".article-body [data-block=\"{block}\"]")) {
                    selection::select_next_sentence(&p);
                }
            }
            "b" => {
                let block = current_paragraph().unwrap_or_else(first_visible_block);
                create::bookmark(annotations, slug, block, "");
            }
            "s" => toggle_saved(annotations, slug),
            _ => {}
        }
    });

    // Remember the reading position: the first paragraph in view, saved after scrolling stops.
    let current_block = Callback::new(move |()| first_visible_block());
    let scroll_timer = StoredValue::new_local(None::<leptos::prelude::TimeoutHandle>);
    on_document("scroll", move |_| {
        if let Some(handle) = scroll_timer.get_value() {
            handle.clear();
        }
        let handle = set_timeout_with_handle(
            move || {
                let block = first_visible_block();
                let stored = annotations.with(|s| s.position(slug).map(|p| p.block));
                if stored != Some(block) && annotations.read_only().is_none() {
                    let position = ReadingPosition {
                        article: slug.to_string(),
                        block,
                        updated: clock::now(),
                    };
                    annotations.put(Record::Position(position), "");
                }
            },
            std::time::Duration::from_millis(600),
        )
        .ok();
        scroll_timer.set_value(handle);
    });

    view! {
        <div class="article-layout">
            <main id="main" tabindex="-1" class="article-main">
            <article class="article" aria-labelledby="article-title" node_ref=article_ref>
                <header class="article-header">
                    <p class="article-kicker">{article.publication.clone()}</p>
                    <h1 id="article-title" class="article-title">{article.title.clone()}</h1>
                    {article.standfirst.clone().map(|s| view! { <p class="article-standfirst">{s}</p> })}
                    <ArticleMeta article=article with_byline=true />
                    <ReadingListToggle slug=slug />
                </header>
                <ContinueReading article=article />
                {article.photo.clone().map(|photo| view! { <ArticleFigure photo=photo drawing=drawing /> })}
                <ArticleBody article=article drawing=drawing />
            </article>
            </main>
            <div class="sidebar">
                <ReadingProgress article=article />
                <FactsSidebar facts=&article.facts />
                <aside class="panels needs-app" aria-label="Your highlights and bookmarks">
                    <AnnotationsPanel article=article drawing=drawing current_block=current_block />
                </aside>
            </div>
            <HighlightToolbar selected=selected on_action=on_action />
            <HighlightEditor opened=drawing.opened focus_note=focus_note />
        </div>
    }
}

/// The block that holds char `at` of the annotatable text (the caption counts as block 0).
fn block_at(article: &Article, part_starts: &[usize], at: usize) -> usize {
    let part = part_starts.iter().rposition(|&s| s <= at).unwrap_or(0);
    part.saturating_sub(usize::from(article.photo.is_some()))
}

/// The paragraph holding focus or the selection, if any.
fn current_paragraph() -> Option<usize> {
    let from_node = |node: Option<web_sys::Node>| -> Option<usize> {
        let mut node = node?;
        loop {
            if let Some(el) = wasm_bindgen::JsCast::dyn_ref::<web_sys::Element>(&node) {
                if let Some(block) = el.get_attribute("data-block") {
                    return block.parse().ok();
                }
            }
            node = node.parent_node()?;
        }
    };
    let selection = window()
        .get_selection()
        .ok()
        .flatten()
        .and_then(|s| s.anchor_node());
    from_node(selection).or_else(|| from_node(document().active_element().map(Into::into)))
}

/// The first block whose bottom is below the top of the view.
fn first_visible_block() -> usize {
    let Ok(blocks) = document().query_selector_all(".article-body [data-block]") else {
        return 0;
    };
    for i in 0..blocks.length() {
        let Some(el) = blocks
            .item(i)
            .and_then(|n| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(n).ok())
        else {
            continue;
        };
        if el.get_bounding_client_rect().bottom() > 80.0 {
            return el
                .get_attribute("data-block")
                .and_then(|b| b.parse().ok())
                .unwrap_or(0);
        }
    }
    0
}

//! One article: header, figure and body in the reading column; key facts, the reader's
//! highlights and bookmarks beside it. Selecting text offers the highlight toolbar.

mod actions;

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use reader_core::anchoring::TextIndex;
use reader_core::article::Article;

use crate::articles;
use crate::components::{
    ArticleBody, ArticleFigure, ArticleMeta, ContinueReading, Drawing, HighlightEditor,
    HighlightToolbar, ReadingListToggle, Sidebar,
};
use crate::dom::set_title;
use crate::hooks::article_keys::use_article_keys;
use crate::hooks::placement::use_placement;
use crate::hooks::reading_position::use_reading_position;
use crate::hooks::selection::use_selection;
use crate::pages::NotFound;
use crate::store::use_store;

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
    let store = use_store();
    let slug = article.slug.as_str();
    let text = StoredValue::new(TextIndex::new(articles::annotatable_text(article)));
    let part_starts = StoredValue::new(article.annotatable_part_starts());
    let drawing = Drawing {
        placement: use_placement(store, slug, text),
        opened: RwSignal::new(None),
    };
    let article_ref = NodeRef::<leptos::html::Article>::new();
    let selection = actions::Selection {
        article,
        store,
        text,
        part_starts,
        selected: use_selection(article_ref, part_starts, text),
        drawing,
        focus_note: RwSignal::new(false),
    };
    let on_action = Callback::new(move |action| selection.act(action));
    use_article_keys(article, selection.selected, on_action);
    crate::jumps::use_landing(drawing.placement);
    use_reading_position(store, slug);

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
            <Sidebar article=article drawing=drawing />
            <HighlightToolbar selected=selection.selected on_action=on_action />
            <HighlightEditor drawing=drawing focus_note=selection.focus_note />
        </div>
    }
}

//! One article: header, figure and body in the reading column; key facts, the reader's
//! highlights and bookmarks beside it. Selecting text offers the highlight toolbar.

mod actions;

use leptos::prelude::*;
use reader_core::anchoring::TextIndex;
use reader_core::article::Article;

use crate::articles;
use crate::components::{
    ArticleBody, ArticleFigure, ArticleMeta, ContinueReading, Drawing, EditorFocus,
    HighlightEditor, HighlightToolbar, ReadingListToggle, SelectionAction, Sidebar,
};
use crate::dom::set_title;
use crate::hooks::article_keys::use_article_keys;
use crate::hooks::placement::use_placement;
use crate::hooks::reading_position::use_reading_position;
use crate::hooks::selection::{use_selection, Selected};
use crate::pages::NotFound;
use crate::routes::Page;
use crate::store::use_store;

/// The article the address names: drawn at once when it is loaded (always, for the page the
/// browser opened); reached from the library, its data file is loaded first.
#[component]
pub fn ArticlePage() -> impl IntoView {
    // The article the address names (its slug, and whether it is on the page of the reader's
    // own): a change of fragment alone leaves the page as it is.
    let (page, address) = (crate::router::use_page(), crate::router::use_address());
    let wanted = Memo::new(move |_| match page.get() {
        Page::Article(slug) => (slug, false),
        _ => (
            address.with(|a| a.query_value("a")).unwrap_or_default(),
            true,
        ),
    });
    // Bumped when a load finishes, to draw the article (or say why it could not be loaded).
    let arrived = RwSignal::new(0u32);
    let failed = RwSignal::new(None::<(String, String)>);
    move || {
        arrived.track();
        // A bundled article's page names it in its path, the reader's own articles' page in
        // its query (which the build cannot know: that page is prerendered as loading).
        let (slug, own_page) = wanted.get();
        // Forgotten (the reader's own, its text replaced or put back, or deleted, here or in
        // another tab), it is loaded and drawn again, or the page says it is gone.
        if let Some(article) = articles::loaded_now(&slug) {
            return view! { <ArticleView article=article /> }.into_any();
        }
        let prerendering_own = own_page && crate::dom::PRERENDERING;
        if !prerendering_own
            && articles::index_ready()
            && !articles::is_own(&slug)
            && articles::entry(&slug).is_none()
        {
            return view! { <NotFound missing=slug /> }.into_any();
        }
        if let Some((_, why)) = failed.get().filter(|(s, _)| *s == slug) {
            return view! { <LoadFailed why=why /> }.into_any();
        }
        #[cfg(not(feature = "ssr"))]
        leptos::task::spawn_local(async move {
            if let Err(why) = articles::load(&slug).await {
                failed.try_set(Some((slug, why)));
            }
            arrived.try_update(|n| *n += 1);
        });
        view! {
            <main id="main" tabindex="-1" class="article-loading" aria-busy="true">
                <p class="section-hint">"Opening the article…"</p>
            </main>
        }
        .into_any()
    }
}

/// An article that could not be loaded (offline before it was saved for offline use, or a
/// new version of the site replaced it): why, and the ways on.
#[component]
fn LoadFailed(why: String) -> impl IntoView {
    set_title("Article not available");
    view! {
        <main id="main" tabindex="-1" class="not-found">
            <h1 class="page-title">"This article could not be opened"</h1>
            <p>{why}</p>
            <p>
                <button type="button" on:click=|_| {
                    let _ = window().location().reload();
                }>"Try again"</button>
                " "
                <a href=crate::routes::LIBRARY>"Back to the library"</a>
            </p>
        </main>
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
        focus: RwSignal::new(EditorFocus::default()),
    };
    let on_action = Callback::new(move |action| selection.act(action));
    use_article_keys(article, selection.selected, on_action);
    crate::jumps::use_landing(drawing.placement);
    #[cfg(not(feature = "ssr"))]
    crate::hooks::early_highlights::use_early_highlights(article, drawing.placement, part_starts);
    use_reading_position(store, slug);

    view! {
        <div class="article-layout">
            <main id="main" tabindex="-1" class="article-main">
            <article class="article" aria-labelledby="article-title" lang=article.lang.clone() dir=article.dir.clone() node_ref=article_ref>
                <header class="article-header">
                    <p class="article-kicker">{article.publication.clone()}</p>
                    <h1 id="article-title" class="article-title">{article.title.clone()}</h1>
                    {article.standfirst.clone().map(|s| view! { <p class="article-standfirst">{s}</p> })}
                    <ArticleMeta
                        byline=article.byline.clone()
                        date=article.date
                        minutes=article.reading_minutes()
                    />
                    <ReadingListToggle slug=slug />
                </header>
                <ContinueReading article=article />
                {article.photo.clone().map(|photo| view! { <ArticleFigure photo=photo drawing=drawing /> })}
                <ArticleBody article=article drawing=drawing />
            </article>
            </main>
            <Sidebar article=article drawing=drawing />
            {annotating(selection.selected, on_action, drawing, selection.focus)}
        </div>
    }
}

/// The highlight toolbar and the highlight editor. In the app they are a part of its module of
/// their own (see `parts.rs`), fetched when the reader first selects words or opens a
/// highlight: a first visit that only reads does not download them. If the part cannot be
/// fetched, the reader is told, and the next selection or opening fetches it afresh.
fn annotating(
    selected: RwSignal<Option<Selected>>,
    on_action: Callback<SelectionAction>,
    drawing: Drawing,
    focus: RwSignal<EditorFocus>,
) -> impl IntoView {
    #[cfg(feature = "lazy")]
    return {
        use crate::messages::ANNOTATING_PART;
        use crate::parts::on_first_use;
        view! {
            {on_first_use(
                ANNOTATING_PART,
                move || selected.with(Option::is_some),
                move || selected.set(None),
                move || lazy_toolbar(selected, on_action),
            )}
            {on_first_use(
                ANNOTATING_PART,
                move || drawing.opened.with(Option::is_some),
                move || drawing.opened.set(None),
                move || lazy_editor(drawing, focus),
            )}
        }
    };
    #[cfg(not(feature = "lazy"))]
    view! {
        <HighlightToolbar selected=selected on_action=on_action />
        <HighlightEditor drawing=drawing focus=focus />
    }
}

#[cfg(feature = "lazy")]
#[leptos::wasm_split::wasm_split(annotating, wasm_split_path = ::leptos::wasm_split, fallible)]
fn lazy_toolbar(
    selected: RwSignal<Option<Selected>>,
    on_action: Callback<SelectionAction>,
) -> Result<AnyView, crate::parts::PartNotLoaded> {
    Ok(view! { <HighlightToolbar selected=selected on_action=on_action /> }.into_any())
}

#[cfg(feature = "lazy")]
#[leptos::wasm_split::wasm_split(annotating, wasm_split_path = ::leptos::wasm_split, fallible)]
fn lazy_editor(
    drawing: Drawing,
    focus: RwSignal<EditorFocus>,
) -> Result<AnyView, crate::parts::PartNotLoaded> {
    Ok(view! { <HighlightEditor drawing=drawing focus=focus /> }.into_any())
}

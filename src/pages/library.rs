//! The library: every bundled article (or only the saved ones), search across all highlights
//! and notes, and export/import of everything the reader made.

use leptos::either::Either;
use leptos::prelude::*;
use reader_core::library::Entry;
use reader_core::reading::excerpt;

use crate::articles;
use crate::components::show_if;
use crate::components::ArticleMeta;
use crate::dom::set_title;
use crate::jumps;
use crate::messages;
use crate::offline::{KeptOffline, Offline};
use crate::pages::transfer::{StorageUse, Transfer};
#[cfg(feature = "lazy")]
use crate::parts::PartNotLoaded;
use crate::routes;
use crate::store::use_store;

/// The library, once its index is here: an article's page reads the index after taking
/// over, so a reader who goes on to the library at once may wait for it.
#[component]
pub fn LibraryPage() -> impl IntoView {
    let failed = RwSignal::new(None::<String>);
    move || {
        if failed.with(Option::is_none) && articles::index_ready() {
            return library(failed);
        }
        set_title("Library");
        if let Some(why) = failed.get() {
            return view! {
                <main id="main" tabindex="-1" class="not-found">
                    <h1 class="page-title">"The library could not be opened"</h1>
                    <p class="page-lede">{why}</p>
                    <p><button type="button" class="link-button" on:click=move |_| failed.set(None)>"Try again"</button></p>
                </main>
            }
            .into_any();
        }
        #[cfg(not(feature = "ssr"))]
        leptos::task::spawn_local(async move {
            if let Err(why) = articles::load_index().await {
                failed.try_set(Some(why));
            }
        });
        view! {
            <main id="main" tabindex="-1" class="article-loading" aria-busy="true">
                <p class="section-hint">"Opening the library…"</p>
            </main>
        }
        .into_any()
    }
}

/// The library itself. In the app it is a part of its module of its own (see `parts.rs`): a
/// first visit to an article does not download it. A first visit to the library fetches it
/// before the app takes over the page (see `start.rs`); going there from an article fetches it
/// then. If it cannot be fetched, the page says so and offers to try again (`failed`).
fn library(failed: RwSignal<Option<String>>) -> AnyView {
    #[cfg(feature = "lazy")]
    return Suspend::new(async move {
        lazy_library().await.unwrap_or_else(|PartNotLoaded| {
            failed.try_set(Some(messages::part_not_loaded(messages::LIBRARY_PAGE)));
            ().into_any()
        })
    })
    .into_any();
    #[cfg(not(feature = "lazy"))]
    {
        let _ = failed;
        view! { <Library /> }.into_any()
    }
}

#[cfg(feature = "lazy")]
#[leptos::wasm_split::wasm_split(
    library,
    wasm_split_path = ::leptos::wasm_split,
    fallible,
    preload(preload_library)
)]
pub(crate) fn lazy_library() -> Result<AnyView, PartNotLoaded> {
    Ok(view! { <Library /> }.into_any())
}

#[component]
fn Library() -> impl IntoView {
    set_title("Library");
    let store = use_store();
    let kept = use_context::<KeptOffline>();
    let only_saved = RwSignal::new(false);
    let only_own = RwSignal::new(false);
    #[cfg(not(feature = "ssr"))]
    leptos::task::spawn_local(articles::reread_own(None));
    let find = RwSignal::new(String::new());
    let saved_count = move || {
        store.with(|s| {
            articles::index()
                .iter()
                .filter(|a| s.is_saved(&a.slug))
                .count()
        })
    };
    // Each article with what the reader made of it.
    let shown = move || {
        let only = only_saved.get();
        let own_only = only_own.get();
        let find = crate::dom::lowercase(find.get().trim());
        let own = own_numbered();
        store.with(|s| {
            own.into_iter()
                .chain(
                    articles::index()
                        .iter()
                        .map(|a| (a, None))
                        .filter(|_| !own_only),
                )
                .filter(|(a, _)| find.is_empty() || matches(a, &find))
                .map(|(a, copy)| Progress {
                    article: a,
                    copy,
                    saved: s.is_saved(&a.slug),
                    highlights: s.highlights_for(&a.slug).len(),
                    read: s
                        .position(&a.slug)
                        .map(|p| (100 * (p.block + 1) / a.blocks.max(1)).min(100)),
                })
                .filter(|p| !only || p.saved)
                .collect::<Vec<Progress>>()
        })
    };
    view! {
        <main id="main" tabindex="-1" class="library">
            <h1 class="page-title">"Library"</h1>
            <p class="page-lede">{move || format!("{}.", messages::count(articles::index().len() + articles::own_index().len(), "article", "articles"))}</p>
            {kept.map(|kept| view! { <OfflineSummary kept=kept /> })}
            {(articles::index().len() > 1).then(|| view! {
                <input
                    type="search"
                    class="search find-article needs-app"
                    aria-label="Find an article by title, site or author"
                    placeholder="Find an article by title, site or author"
                    prop:value=move || find.get()
                    on:input=move |e| find.set(event_target_value(&e))
                />
            })}
            <div class="filter needs-app" role="group" aria-label="Show">
                <button type="button" aria-pressed=move || (!only_saved.get() && !only_own.get()).to_string() on:click=move |_| { only_saved.set(false); only_own.set(false); }>
                    "All articles"
                </button>
                <button type="button" aria-pressed=move || only_saved.get().to_string() on:click=move |_| { only_saved.set(true); only_own.set(false); }>
                    {move || format!("Reading list ({})", saved_count())}
                </button>
                <button type="button" id="only-own" aria-pressed=move || only_own.get().to_string() on:click=move |_| { only_own.set(true); only_saved.set(false); }>
                    {move || format!("Added by you ({})", articles::own_index().len())}
                </button>
            </div>
            <ul class="library-list">
                // Its entry by address too: an article of the reader's whose text a newer copy
                // replaced has a new entry (its title, its excerpt) under the same slug.
                <For each=shown key=|p| (std::ptr::from_ref(p.article) as usize, p.copy, p.saved, p.highlights, p.read) let(progress)>
                    {item(progress, kept)}
                </For>
                {show_if(
                    move || only_saved.get() && saved_count() == 0,
                    move || view! {
                        <li class="library-empty">"Nothing saved yet. Open an article and choose “Save to reading list”."</li>
                    },
                    ViewFn::default(),
                )}
            </ul>
            {sections()}
        </main>
    }
}

/// The library's sections below its list: adding articles (the app's alone: the build has
/// nothing to add), searching highlights, export and import, storage. In the app they are a
/// part of the WebAssembly of their own, loaded when the library is first drawn (split off by
/// `scripts/build/bin/wasm-bindgen`): the first visit to an article does not download them. If
/// the part cannot be loaded (offline before the service worker kept it, a new version
/// deployed meanwhile), the reader is told and can try again. The prerendered library has
/// them as before (hidden until the app runs).
fn sections() -> impl IntoView {
    #[cfg(feature = "lazy")]
    return {
        // Each "Try again" loads the part afresh (a failed load is not kept).
        let attempt = RwSignal::new(0u32);
        move || {
            attempt.track();
            Suspend::new(async move {
                lazy_sections().await.unwrap_or_else(|PartNotLoaded| {
                    view! {
                        <section class="library-section part-not-loaded needs-app" role="alert">
                            <p>{messages::part_not_loaded(messages::LIBRARY_PART)}</p>
                            <button type="button" on:click=move |_| attempt.update(|n| *n += 1)>
                                "Try again"
                            </button>
                        </section>
                    }
                    .into_any()
                })
            })
        }
    };
    #[cfg(not(feature = "lazy"))]
    lower_sections()
}

/// The sections themselves, drawn at once (prerendered, or a build without the `lazy` part).
fn lower_sections() -> AnyView {
    view! {
        {add_articles()}
        <HighlightSearch />
        <Transfer />
        <StorageUse />
    }
    .into_any()
}

/// The section to add the reader's own articles (the app's alone: the build has nothing to add).
fn add_articles() -> impl IntoView {
    #[cfg(not(feature = "ssr"))]
    return view! { <super::add_articles::AddArticles /> };
    #[cfg(feature = "ssr")]
    ()
}

/// The sections, as a part split off the app's module (as Leptos' `#[lazy]` does, but
/// `fallible`: a part that cannot be fetched is an error to show, not a panic).
#[cfg(feature = "lazy")]
#[leptos::wasm_split::wasm_split(
    library_sections,
    wasm_split_path = ::leptos::wasm_split,
    fallible
)]
fn lazy_sections() -> Result<AnyView, PartNotLoaded> {
    Ok(lower_sections())
}

/// An article of the library and how far the reader is with it.
#[derive(Clone)]
struct Progress {
    article: &'static Entry,
    /// Which of the reader's articles of its title it is, and of how many, when several are.
    copy: Option<(usize, usize)>,
    saved: bool,
    highlights: usize,
    /// The share read, in percent, if the reader opened it.
    read: Option<usize>,
}

/// Whether `article`'s title, site or author holds `words` (lowercase).
fn matches(article: &Entry, words: &str) -> bool {
    [&article.title, &article.publication, &article.byline]
        .iter()
        .any(|field| crate::dom::lowercase(field).contains(words))
}

/// How many articles are kept for reading offline, and a way to keep them all. The line is
/// there from the first draw (prerendered too), empty until the service worker answers, so
/// that the list below does not move under a reader's pointer when it does. A browser with no
/// service worker has no line.
#[component]
fn OfflineSummary(kept: KeptOffline) -> impl IntoView {
    let total = articles::index().len();
    let possible = offline_possible();
    let said = move || {
        let count = kept.0.with(|k| k.as_ref().map(Vec::len))?;
        let said = if count >= total {
            match total {
                1 => "Kept for reading offline.".to_string(),
                n => format!("All {n} articles are kept for reading offline."),
            }
        } else {
            format!(
                "{count} of {} kept for reading offline.",
                messages::count(total, "article", "articles")
            )
        };
        Some(view! {
            {said}
            {(count < total).then(|| view! {
                " "
                <button type="button" class="link-button" on:click=move |_| kept.keep_all()>"Keep all offline"</button>
            })}
        })
    };
    move || possible().then(|| view! { <p class="offline-summary needs-app">{said}</p> })
}

/// Whether this browser may keep articles offline: yes while prerendering (the app decides) and
/// until the service worker is known to be missing or refused.
fn offline_possible() -> impl Fn() -> bool + Copy {
    let status = use_context::<RwSignal<Offline>>();
    move || crate::dom::PRERENDERING || status.is_none_or(|s| s.get() != Offline::Unavailable)
}

fn item(p: Progress, kept: Option<KeptOffline>) -> impl IntoView {
    let article = p.article;
    let mut made = Vec::new();
    if let Some(read) = p.read {
        made.push(if read >= 100 {
            "Read to the end".to_string()
        } else {
            format!("{read}% read")
        });
    }
    if p.highlights > 0 {
        made.push(messages::count(p.highlights, "highlight", "highlights"));
    }
    view! {
        <li class="library-item">
            <article aria-labelledby=format!("title-{}", article.slug)>
                <h2 class="library-title" id=format!("title-{}", article.slug)>
                    <a href=routes::article(&article.slug)>{article.title.clone()}</a>
                </h2>
                <ArticleMeta
                    publication=article.publication.clone()
                    date=article.date
                    minutes=article.minutes
                />
                <p class="library-excerpt">{article.excerpt.clone()}</p>
                {(!made.is_empty()).then(|| view! { <p class="library-progress needs-app">{made.join(" · ")}</p> })}
                {p.saved.then(|| view! { <p class="saved-badge">"On your reading list"</p> })}
                {articles::is_own(&article.slug).then(|| view! {
                    <p class="own-badge needs-app">
                        "Added by you · "
                        {p.copy.map(|c| format!("{} · ", messages::copy(c)))}
                        "kept in this browser "
                        {delete_own(article, p.copy, p.highlights)}
                    </p>
                })}
                // Reactive in place: the service worker answers after the list is drawn, and
                // redrawing the item then would pull its link from under the reader's pointer.
                // Its line is there, empty, until the service worker answers (as the summary's).
                {kept.filter(|_| !articles::is_own(&article.slug)).map(|kept| {
                    let slug = article.slug.as_str();
                    let badge = move || kept.0.with(|k| k.as_ref().map(|k| k.iter().any(|s| s == slug))).map(|offline| view! {
                        {if offline { "Kept offline" } else { "Online only" }}
                        " "
                        <button
                            type="button"
                            class="link-button"
                            aria-label=format!("{} “{}”", if offline { "Remove from this device:" } else { "Keep offline:" }, article.title)
                            on:click=move |_| kept.set(slug, !offline)
                        >
                            {if offline { "Remove from this device" } else { "Keep offline" }}
                        </button>
                    });
                    let possible = offline_possible();
                    move || possible().then(|| view! { <p class="offline-badge needs-app">{badge}</p> })
                })}
            </article>
        </li>
    }
}

/// Deleting one of the reader's own articles: a first click asks, naming what goes with it; the
/// second deletes, with Undo for a few seconds.
fn delete_own(
    article: &'static Entry,
    copy: Option<(usize, usize)>,
    highlights: usize,
) -> impl IntoView {
    let asking = RwSignal::new(false);
    // Named as the list names it: two of the same title, by which copy each is.
    let named = match copy {
        Some(c) => format!("“{}” ({})", article.title, messages::copy(c)),
        None => format!("“{}”", article.title),
    };
    let what = match highlights {
        0 => format!("Delete {named}?"),
        n => format!(
            "Delete {named} and its {}?",
            messages::count(n, "highlight", "highlights")
        ),
    };
    #[cfg(not(feature = "ssr"))]
    let delete = {
        let store = use_store();
        let undo = crate::components::use_undo();
        #[cfg(feature = "lazy")]
        let part = crate::parts::outcome();
        move |_| {
            asking.set(false);
            let (slug, title) = (article.slug.clone(), article.title.clone());
            #[cfg(feature = "lazy")]
            leptos::task::spawn_local(async move {
                let came = lazy_delete(slug, title, store, undo).await.is_ok();
                part(messages::DELETING_PART, came);
            });
            #[cfg(not(feature = "lazy"))]
            leptos::task::spawn_local(delete_own_article(slug, title, store, undo));
        }
    };
    #[cfg(feature = "ssr")]
    let delete = |_| {};
    show_if(
        move || asking.get(),
        move || {
            view! {
                <span class="delete-confirm" role="group" aria-label="Confirm deletion">
                    {what.clone()}
                    " "
                    <button type="button" class="link-button confirm-delete" on:click=delete>"Delete"</button>
                    " "
                    <button type="button" class="link-button" on:click=move |_| asking.set(false)>"Keep"</button>
                </span>
            }
        },
        move || {
            view! {
                <button type="button" class="link-button delete-own" aria-label=format!("Delete {named}") on:click=move |_| asking.set(true)>"Delete"</button>
            }
        },
    )
}

/// Deleting one of the reader's articles, with what Undo needs, in the part of the library's
/// lower sections (fetched once the library is drawn, so there when the reader deletes): it
/// shares their store's writing and reading.
#[cfg(feature = "lazy")]
#[leptos::wasm_split::wasm_split(
    library_sections,
    wasm_split_path = ::leptos::wasm_split,
    fallible
)]
fn lazy_delete(
    slug: String,
    title: String,
    store: crate::store::StoreHandle,
    undo: crate::components::UndoOffer,
) -> Result<(), PartNotLoaded> {
    leptos::task::spawn_local(delete_own_article(slug, title, store, undo));
    Ok(())
}

/// Deletes the reader's article `slug` (“`title`”) and what was made on it, offering Undo.
#[cfg(not(feature = "ssr"))]
async fn delete_own_article(
    slug: String,
    title: String,
    store: crate::store::StoreHandle,
    undo: crate::components::UndoOffer,
) {
    use crate::components::Restore;
    // Kept for Undo; if it cannot be read from the store, nothing is deleted. Not there (gone
    // in another tab) or unreadable, it cannot be put back: what was made on it still can.
    let kept = match crate::own_store::article(&slug).await {
        Ok(kept) => kept,
        Err(e) => return store.failed(&slug, messages::own_not_deleted(&title, &e)),
    };
    if let Err(e) = crate::own_store::delete(&slug).await {
        return store.failed(&slug, messages::own_not_deleted(&title, &e));
    }
    store.succeeded(&slug);
    let records: Vec<_> = store
        .with_untracked(|s| s.records())
        .unwrap_or_default()
        .into_iter()
        .filter(|r| r.article() == slug)
        .collect();
    let deleted = format!("“{title}” deleted");
    store.delete_all(&records);
    crate::own_sync::changed(Some(&slug)).await;
    store.announce(deleted.clone());
    let restore = match kept {
        Some(kept) => {
            let words = reader_core::library::hash(&kept.article.annotatable_text());
            let kept = crate::own_store::Kept::of(slug.clone(), kept);
            let title = title.clone();
            Restore::Article(Callback::new(move |records| {
                let (kept, words, title) = (kept.clone(), words.clone(), title.clone());
                leptos::task::spawn_local(put_back(kept, words, records, title, store));
            }))
        }
        // Nothing to put back: no offer to.
        None if records.is_empty() => return,
        None => Restore::Records(format!("What you made on “{title}” restored")),
    };
    undo.offer(crate::components::Undoable {
        message: format!("{deleted}."),
        records,
        restore,
    });
}

/// Puts back the reader's article `kept` (“`title`”, deleted; its words hash to `words`) and
/// `records`, deleted with it, never over an article added since: at its slug if that is
/// free, into the article there if it holds the same words again, else beside it
/// ([`reader_core::library::put_back`]); the records follow it.
#[cfg(not(feature = "ssr"))]
async fn put_back(
    kept: Box<crate::own_store::Kept>,
    words: String,
    records: Vec<reader_core::store::Record>,
    title: String,
    store: crate::store::StoreHandle,
) {
    use crate::own_store::{self, Added, StoreError};
    use reader_core::library::{self, Place};
    let first = library::first_place(&kept.slug).to_string();
    let put = async {
        // Read again if an article takes the place found before this one is written there
        // (another tab adding at once); the write itself never goes over one.
        for _ in 0..3 {
            let entries = own_store::entries().await?;
            let slugs = entries.iter().map(|e| e.entry.slug.as_str());
            let there = own_store::places(&first, slugs).await;
            let put = library::put_back(&kept.slug, &words, &there);
            let Place::At(at) = &put else {
                return Ok(put);
            };
            let (json, entry, images) = &*kept.stored;
            let (json, entry) = if *at == kept.slug {
                (json.clone(), entry.clone())
            } else {
                let Some(moved) = own_store::moved(json, entry, at) else {
                    return Err(StoreError::Failed(
                        "the article kept could not be read".into(),
                    ));
                };
                moved
            };
            if own_store::add(at, &json, &entry, images.as_ref()).await? == Added::Added {
                return Ok(put);
            }
        }
        Err(StoreError::Failed("its place kept being taken".into()))
    };
    match put.await {
        Ok(put) => {
            let (Place::At(at) | Place::Into(at)) = &put;
            // Into an article added since, what it has of its own (its place on the reading
            // list, its reading position) stays.
            let has = |r: &reader_core::store::Record| {
                store
                    .with_untracked(|s| s.records())
                    .unwrap_or_default()
                    .iter()
                    .any(|o| o.kind() == r.kind() && o.id() == r.id())
            };
            store.put_all(
                records
                    .into_iter()
                    .map(|r| r.moved_to(at))
                    .filter(|r| !(matches!(put, Place::Into(_)) && has(r)))
                    .collect(),
            );
            store.announce(messages::own_put_back(&title, &kept.slug, &put));
            crate::own_sync::changed(Some(at)).await;
        }
        Err(e) => {
            // Not lost with it: kept as they were, listed with the article's slug (found by
            // the search, exported, and drawn again if the article is added again).
            store.put_all(records);
            store.failed(&kept.slug, messages::own_not_put_back(&title, &e));
        }
    }
}

/// The reader's articles, most recently added first, each with which copy of its title it is,
/// if others share it ([`reader_core::library::same_titles`]): as the list and the search of
/// highlights name them.
fn own_numbered() -> Vec<(&'static Entry, Option<(usize, usize)>)> {
    let own = articles::own_index();
    let titles: Vec<&str> = own.iter().map(|a| a.title.as_str()).collect();
    let copies = reader_core::library::same_titles(&titles);
    own.into_iter().zip(copies).collect()
}

/// The reader asked to search (the `/` key): the library's search field takes focus as soon
/// as it is on the page.
#[derive(Clone, Copy)]
pub struct SearchRequested(RwSignal<bool>);

impl SearchRequested {
    /// Shares the request; call once, in the shell.
    pub fn provide() -> SearchRequested {
        let requested = SearchRequested(RwSignal::new(false));
        provide_context(requested);
        requested
    }

    pub fn request(self) {
        self.0.set(true);
    }
}

/// Search across the highlights and notes of all articles.
#[component]
fn HighlightSearch() -> impl IntoView {
    let store = use_store();
    let query = RwSignal::new(String::new());
    let field = NodeRef::<leptos::html::Input>::new();
    if let Some(SearchRequested(requested)) = use_context::<SearchRequested>() {
        Effect::new(move |_| {
            if let (true, Some(input)) = (requested.get(), field.get()) {
                requested.set(false);
                let _ = input.focus();
            }
        });
    }
    // Read by the count and by the list: a memo searches once per keystroke.
    let results = Memo::new(move |_| {
        let q = query.get();
        if q.trim().is_empty() {
            return Vec::new();
        }
        store.with(|s| {
            s.search(&q, crate::dom::lowercase)
                .into_iter()
                .cloned()
                .collect::<Vec<_>>()
        })
    });
    view! {
        <section class="library-section needs-app" aria-labelledby="search-heading">
            <h2 id="search-heading" class="section-heading">"Search your highlights and notes"</h2>
            <input
                type="search"
                class="search"
                aria-labelledby="search-heading"
                placeholder="Words in a highlight or a note"
                node_ref=field
                prop:value=move || query.get()
                on:input=move |e| query.set(event_target_value(&e))
            />
            {show_if(
                move || !query.read().trim().is_empty(),
                move || view! {
                    <p class="search-count" aria-live="polite">
                        {move || match (results.read().len(), store.with(|s| s.highlights().next().is_none())) {
                            (0, true) => "You have no highlights or notes yet: select words in an article to highlight them.".to_string(),
                            (0, false) => "No highlight or note has these words.".to_string(),
                            (n, _) => messages::count(n, "match", "matches"),
                        }}
                    </p>
                },
                ViewFn::default(),
            )}
            <ul class="search-results">
                {move || {
                    // Two of the reader's articles of one title are told apart as in the list.
                    let own = own_numbered();
                    results
                        .get()
                        .into_iter()
                        .map(|h| {
                            let quote = excerpt(&h.selectors.quote.exact, 160);
                            let (quote, title) = match articles::entry(&h.article) {
                                Some(article) => {
                                    let mut title = article.title.clone();
                                    if let Some((_, Some(c))) = own.iter().find(|(a, _)| a.slug == h.article) {
                                        title.push_str(&format!(" · {}", messages::copy(*c)));
                                    }
                                    // Straight to the highlight, marked and focused.
                                    let href = format!("{}#{}", routes::article(&article.slug), jumps::fragment(&jumps::highlight(&h.id)));
                                    (Either::Left(view! { <a href=href>{quote}</a> }), title)
                                }
                                // Kept when its article could not be: no link to a page that is
                                // not there.
                                None => (
                                    Either::Right(view! { <span class="search-quote">{quote}</span> }),
                                    messages::NOT_IN_LIBRARY.to_string(),
                                ),
                            };
                            view! {
                                <li class="search-result">
                                    {quote}
                                    {h.fact.clone().map(|f| view! { <p class="panel-note"><span class="panel-badge">"Key fact"</span> " " {f}</p> })}
                                    {(!h.note.is_empty()).then(|| view! { <p class="panel-note">{h.note.clone()}</p> })}
                                    <p class="panel-date">{title}</p>
                                </li>
                            }
                        })
                        .collect_view()
                }}
            </ul>
        </section>
    }
}

//! The library's articles, as data files beside the pages ([`reader_core::library`]): the
//! index (every article's title, details and data file) and each article's own file, loaded
//! when it is opened. The app holds no article itself: adding or fixing one changes only those
//! files, and a first visit downloads only what it shows.
//!
//! In the browser, [`load_for_page`] reads what the page needs before the app takes it over:
//! on an article's page its article (`<meta name="reader-article">`), on the library's (and
//! the not-found page) the index (`<meta name="reader-library">`); the loader starts that fetch
//! after the first paint, while the app downloads. An article's page reads the index after
//! taking over, so a library of any size does not hold up its highlights; pages that need the
//! index wait for it ([`index_ready`], [`load_index`]). Loaded articles are kept for the visit.
//! When prerendering, everything comes from the bundle `build.rs` writes.

use std::cell::RefCell;
use std::sync::OnceLock;

use reader_core::article::Article;
use reader_core::formats::ArticleInfo;
use reader_core::library::{Entry, OwnEntry};

/// The index, once known (at build time: made from the bundle; in the browser: set by
/// [`load_index`]).
static INDEX: OnceLock<Vec<Entry>> = OnceLock::new();

/// How long after an article's page is the app's its index is read.
#[cfg(not(feature = "ssr"))]
const INDEX_AFTER: std::time::Duration = std::time::Duration::from_secs(2);

/// The index's file, as the page names it, and its loading, shared by whoever waits for it.
#[cfg(not(feature = "ssr"))]
type IndexLoad =
    futures::future::Shared<futures::future::LocalBoxFuture<'static, Result<(), String>>>;

thread_local! {
    /// Articles loaded so far, kept for the visit, with the text their highlights anchor in (a
    /// visit opens a few: a list is smaller in the WebAssembly than a map, and as fast).
    static LOADED: RefCell<Vec<(&'static Article, &'static str)>> = const { RefCell::new(Vec::new()) };
    /// The index file the page names, and the index's loading once started.
    #[cfg(not(feature = "ssr"))]
    static INDEX_FILE: RefCell<Option<String>> = const { RefCell::new(None) };
    #[cfg(not(feature = "ssr"))]
    static INDEX_LOAD: RefCell<Option<IndexLoad>> = const { RefCell::new(None) };
    /// The reader's articles loaded, each as it was stored when read (its JSON, as the store
    /// gave it: a string of the browser's, not copied into the WebAssembly's memory).
    #[cfg(not(feature = "ssr"))]
    static OWN_READ: RefCell<Vec<(String, wasm_bindgen::JsValue)>> = const { RefCell::new(Vec::new()) };
    /// The article file the page names (an article's page), once its article is loaded.
    #[cfg(not(feature = "ssr"))]
    static PAGE_FILE: RefCell<Option<(String, String)>> = const { RefCell::new(None) };
    /// Notified when the index arrives, so that what reads it is drawn again.
    #[cfg(not(feature = "ssr"))]
    static INDEX_ARRIVED: leptos::prelude::ArcTrigger = leptos::prelude::ArcTrigger::new();
    /// Notified when a loaded article is forgotten ([`forget`]).
    #[cfg(not(feature = "ssr"))]
    static FORGOTTEN: leptos::prelude::ArcTrigger = leptos::prelude::ArcTrigger::new();
}

/// Every article of the library, newest first.
pub fn index() -> &'static [Entry] {
    #[cfg(feature = "ssr")]
    {
        INDEX.get_or_init(|| {
            let (index, _) = bundle::files();
            reader_core::library::parse_index(&index.content)
                .expect("the bundle's index reads")
                .articles
        })
    }
    #[cfg(not(feature = "ssr"))]
    {
        use leptos::prelude::Track;
        INDEX_ARRIVED.with(|t| t.track());
        INDEX.get().map_or(&[], Vec::as_slice)
    }
}

/// Whether the index is here (reactive: true once it arrives).
pub fn index_ready() -> bool {
    #[cfg(not(feature = "ssr"))]
    {
        use leptos::prelude::Track;
        INDEX_ARRIVED.with(|t| t.track());
    }
    INDEX.get().is_some() || cfg!(feature = "ssr")
}

/// Loads the index the page names, once however many wait for it; why in words if it cannot.
#[cfg(not(feature = "ssr"))]
pub async fn load_index() -> Result<(), String> {
    use futures::FutureExt;
    if INDEX.get().is_some() {
        return Ok(());
    }
    let load = INDEX_LOAD.with(|l| {
        l.borrow_mut()
            .get_or_insert_with(|| {
                async {
                    let file = INDEX_FILE
                        .with(|f| f.borrow().clone())
                        .ok_or("the page names no library index")?;
                    let index = reader_core::library::parse_index(&fetch_text(&file).await?)
                        .map_err(|e| crate::messages::load_error(&file, &e))?;
                    let _ = INDEX.set(index.articles);
                    use leptos::prelude::Notify;
                    INDEX_ARRIVED.with(|t| t.notify());
                    Ok(())
                }
                .boxed_local()
                .shared()
            })
            .clone()
    });
    let result = load.await;
    if result.is_err() {
        // Tried again next time (the reader may be back online).
        INDEX_LOAD.with(|l| l.borrow_mut().take());
    }
    result
}

/// Whether `slug` names one of the reader's own articles (kept in the browser: `own_store`).
pub fn is_own(slug: &str) -> bool {
    slug.starts_with(reader_core::library::OWN_PREFIX)
}

thread_local! {
    /// The reader's own articles' entries, most recently added first, once read.
    static OWN: RefCell<Vec<&'static OwnEntry>> = const { RefCell::new(Vec::new()) };
    /// Notified when they change, so that what lists them is drawn again.
    static OWN_CHANGED: leptos::prelude::ArcTrigger = leptos::prelude::ArcTrigger::new();
}

/// The name of the file the reader's article `slug` was made from, if known.
#[cfg(not(feature = "ssr"))]
pub fn own_file(slug: &str) -> Option<String> {
    OWN.with(|o| {
        o.borrow()
            .iter()
            .find(|e| e.entry.slug == slug)
            .and_then(|e| e.file.clone())
    })
}

/// The reader's own articles, most recently added first (reactive: redrawn when
/// [`reread_own`] reads them again).
pub fn own_index() -> Vec<&'static Entry> {
    use leptos::prelude::Track;
    OWN_CHANGED.with(|t| t.track());
    OWN.with(|o| o.borrow().iter().map(|e| &e.entry).collect())
}

/// Keeps the entry of an article the reader has just added, first (the most recent), until the
/// entries are read again ([`reread_own`], which keeps it for the visit as it is).
#[cfg(not(feature = "ssr"))]
pub fn remember_own(entry: OwnEntry) {
    OWN.with(|o| o.borrow_mut().insert(0, &*Box::leak(Box::new(entry))));
    use leptos::prelude::Notify;
    OWN_CHANGED.with(|t| t.notify());
}

/// Reads the reader's own articles' entries from the browser's store (again), after they
/// changed here or in another tab; with them, the text of `slug` (changed or gone) when next
/// shown. A failure is logged: the list stays as it was.
#[cfg(not(feature = "ssr"))]
pub async fn reread_own(slug: Option<&str>) {
    if let Some(slug) = slug {
        forget(slug);
    }
    if let Err(e) = load_own().await {
        leptos::logging::warn!("Reader: {}", crate::messages::own_store_error(&e));
    }
}

/// [`reread_own`] for a page the browser kept for Back, which missed the other tabs' word
/// (WebKit drops it): with the entries, the text of each own article loaded here whose stored
/// copy went or is no longer the one read (each is read again when next shown). Only the text
/// is compared: a copy whose images alone differ is the same. One that cannot be read now is
/// kept as it was.
#[cfg(not(feature = "ssr"))]
pub async fn reread_kept() {
    let read = OWN_READ.with(|r| r.borrow().clone());
    for (own, json) in read {
        if crate::own_store::article(&own)
            .await
            .is_ok_and(|stored| stored.is_none_or(|s| s.json != json))
        {
            forget(&own);
        }
    }
    reread_own(None).await;
}

#[cfg(not(feature = "ssr"))]
async fn load_own() -> Result<(), crate::own_store::StoreError> {
    let entries = crate::own_store::entries().await?;
    OWN.with(|o| {
        let mut own = o.borrow_mut();
        // Entries already kept are reused: each is kept for the visit once.
        let fresh = entries
            .into_iter()
            .map(|e| {
                own.iter()
                    .find(|k| ***k == e)
                    .copied()
                    .unwrap_or_else(|| &*Box::leak(Box::new(e)))
            })
            .collect();
        *own = fresh;
    });
    use leptos::prelude::Notify;
    OWN_CHANGED.with(|t| t.notify());
    Ok(())
}

/// The data file of the bundled article `slug` (relative to the app's root): from the index,
/// or, before it is read, from the page that named it.
#[cfg(not(feature = "ssr"))]
pub fn data_file(slug: &str) -> Option<String> {
    entry(slug).map(|e| e.data.clone()).or_else(|| {
        PAGE_FILE.with(|f| {
            f.borrow()
                .as_ref()
                .filter(|(s, _)| s == slug)
                .map(|(_, file)| file.clone())
        })
    })
}

/// The index entry of the article `slug`, bundled or the reader's own.
pub fn entry(slug: &str) -> Option<&'static Entry> {
    index().iter().find(|e| e.slug == slug).or_else(|| {
        OWN.with(|o| {
            o.borrow()
                .iter()
                .find(|e| e.entry.slug == slug)
                .map(|e| &e.entry)
        })
    })
}

/// The article `slug` if it is loaded (always, when prerendering).
pub fn loaded(slug: &str) -> Option<&'static Article> {
    #[cfg(feature = "ssr")]
    if let Some(article) = bundle::articles().iter().find(|a| a.slug == slug) {
        return Some(article);
    }
    LOADED.with(|l| {
        l.borrow()
            .iter()
            .find(|(a, _)| a.slug == slug)
            .map(|(a, _)| *a)
    })
}

/// The text highlights anchor in, for a loaded article; made once and kept for the visit.
pub fn annotatable_text(article: &'static Article) -> &'static str {
    let known = |l: &Vec<(&Article, &'static str)>| {
        l.iter()
            .find(|(a, _)| a.slug == article.slug)
            .map(|(_, t)| *t)
    };
    if let Some(text) = LOADED.with(|l| known(&l.borrow())) {
        return text;
    }
    let text: &'static str = Box::leak(article.annotatable_text().into_boxed_str());
    LOADED.with(|l| {
        l.borrow_mut().push((article, text));
    });
    text
}

/// Forgets the loaded article `slug` (the reader's own, whose text was replaced, put back or
/// deleted, here or in another tab), and the copy it was read from: a page showing it reads it
/// again ([`loaded_now`]), and so does the next page to show it.
#[cfg(not(feature = "ssr"))]
fn forget(slug: &str) {
    OWN_READ.with(|r| r.borrow_mut().retain(|(s, _)| s != slug));
    let held = LOADED.with(|l| {
        let mut l = l.borrow_mut();
        let before = l.len();
        l.retain(|(a, _)| a.slug != slug);
        l.len() < before
    });
    if held {
        use leptos::prelude::Notify;
        FORGOTTEN.with(|t| t.notify());
    }
}

/// The article `slug` as [`loaded`], tracking [`forget`]: what shows it is drawn again when a
/// loaded article is forgotten (rarely another than the one it shows: this tab read it too).
pub fn loaded_now(slug: &str) -> Option<&'static Article> {
    #[cfg(not(feature = "ssr"))]
    FORGOTTEN.with(|t| leptos::prelude::Track::track(t));
    loaded(slug)
}

/// Keeps `article` for the visit.
#[cfg(not(feature = "ssr"))]
fn keep(mut article: Article) -> &'static Article {
    // Shown as the reader can follow them: an own article added before its links to places in
    // the saved page were resolved still names them as that page did.
    article.mend_in_page_links();
    let article: &'static Article = Box::leak(Box::new(article));
    annotatable_text(article);
    article
}

/// Article details for exports and imports, with absolute links into this copy of the app: the
/// library's, and the reader's own once read (the library page reads them).
pub fn article_infos() -> Vec<ArticleInfo> {
    let root = crate::routes::root_url();
    let own = own_index();
    index()
        .iter()
        .chain(own.iter().copied())
        .map(|a| ArticleInfo {
            slug: a.slug.clone(),
            title: a.title.clone(),
            publication: a.publication.clone(),
            date: a.date.to_string(),
            url: format!("{root}{}", crate::routes::article(&a.slug)),
            source: a.source.clone().unwrap_or_default(),
        })
        .collect()
}

/// Loads the article `slug` named in the index (from the network or the service worker's
/// cache) and keeps it; the reason in words if it cannot.
#[cfg(not(feature = "ssr"))]
pub async fn load(slug: &str) -> Result<&'static Article, String> {
    if let Some(article) = loaded(slug) {
        return Ok(article);
    }
    if is_own(slug) {
        let crate::own_store::Stored {
            mut article,
            images,
            json,
            ..
        } = crate::own_store::article(slug)
            .await
            .map_err(|e| crate::messages::own_store_error(&e))?
            .ok_or_else(|| crate::messages::OWN_GONE.to_string())?;
        // Its images are shown from the store, through object URLs kept for the visit (a
        // `src` left empty where the page did not hold the image: its words are shown).
        // No address the article names is ever loaded: an image is the stored one or none.
        let images = images.map(crate::own_store::Images);
        let url = |n: usize| {
            images
                .as_ref()
                .and_then(|i| i.blob(n))
                .and_then(|blob| web_sys::Url::create_object_url_with_blob(&blob).ok())
                .unwrap_or_default()
        };
        if let Some(photo) = article.photo.as_mut() {
            photo.src = url(0);
        }
        for (n, image) in article.images.iter_mut().enumerate() {
            image.src = url(n + 1);
        }
        if let Some(article) = loaded(slug) {
            return Ok(article);
        }
        // Not loaded, so not in `OWN_READ` either (`forget` drops both).
        OWN_READ.with(|r| r.borrow_mut().push((slug.to_string(), json)));
        return Ok(keep(article));
    }
    load_index().await?;
    let entry = entry(slug).ok_or_else(|| format!("“{slug}” is not in the library"))?;
    let json = fetch_text(&entry.data).await?;
    let article = reader_core::library::parse_article(&json, slug)
        .map_err(|e| crate::messages::load_error(&entry.data, &e))?;
    Ok(loaded(slug).unwrap_or_else(|| keep(article)))
}

/// Reads what the page needs before the app takes it over: an article's page its article
/// (then the index, in the background), any other page the index.
#[cfg(not(feature = "ssr"))]
pub async fn load_for_page() -> Result<(), String> {
    let document = leptos::prelude::document();
    let named = |name: &str| {
        document
            .query_selector(&format!("meta[name=\"{name}\"]"))
            .ok()
            .flatten()
            .and_then(|m| m.get_attribute("content"))
    };
    let index_file = named("reader-library").ok_or("the page names no library index")?;
    INDEX_FILE.with(|f| *f.borrow_mut() = Some(index_file));
    let Some(file) = named("reader-article") else {
        return load_index().await;
    };
    let json = fetch_text(&file).await?;
    let article = reader_core::library::read_article(&json)
        .map_err(|e| crate::messages::load_error(&file, &e))?;
    PAGE_FILE.with(|f| *f.borrow_mut() = Some((article.slug.clone(), file)));
    keep(article);
    // A moment after the page is the app's, so that reading a large index does not hold up
    // drawing the reader's highlights; the library, if the reader goes there first, asks at once.
    leptos::prelude::set_timeout(
        || {
            wasm_bindgen_futures::spawn_local(async {
                if let Err(why) = load_index().await {
                    leptos::logging::warn!("Reader: {why}");
                }
            })
        },
        INDEX_AFTER,
    );
    Ok(())
}

/// The text of the file at `path` (relative to the app's root), from the network or the
/// service worker's cache.
#[cfg(not(feature = "ssr"))]
async fn fetch_text(path: &str) -> Result<String, String> {
    use wasm_bindgen::JsCast;
    use wasm_bindgen_futures::JsFuture;
    let url = format!("{}{path}", crate::routes::root_url());
    let failed = |why: &str| format!("{path} could not be loaded ({why})");
    let request =
        early_fetch(path).unwrap_or_else(|| leptos::prelude::window().fetch_with_str(&url));
    let response = JsFuture::from(request)
        .await
        .map_err(|_| failed("no connection, and not saved for offline use"))?;
    let response: web_sys::Response = response.dyn_into().map_err(|_| failed("no answer"))?;
    if !response.ok() {
        return Err(failed(&format!(
            "the server answered {}",
            response.status()
        )));
    }
    let text = response.text().map_err(|_| failed("unreadable"))?;
    JsFuture::from(text)
        .await
        .ok()
        .and_then(|t| t.as_string())
        .ok_or_else(|| failed("unreadable"))
}

/// The fetch of `path` the loader started once the page was painted, if it did (taken: it
/// answers once). The loader fetches the file rather than preloading it,
/// because WebKit does not answer a later `fetch()` from a `<link rel=preload as=fetch>` and
/// would download it twice (scripts/build/loader.mjs).
#[cfg(not(feature = "ssr"))]
fn early_fetch(path: &str) -> Option<js_sys::Promise> {
    use wasm_bindgen::JsCast;
    let started =
        js_sys::Reflect::get(&leptos::prelude::window(), &"readerEarlyFetches".into()).ok()?;
    if !started.is_object() {
        return None;
    }
    let promise = js_sys::Reflect::get(&started, &path.into())
        .ok()?
        .dyn_into::<js_sys::Promise>()
        .ok()?;
    let _ =
        js_sys::Reflect::delete_property(started.unchecked_ref::<js_sys::Object>(), &path.into());
    Some(promise)
}

/// At build time: the articles `build.rs` bundled from `content/articles`, and their files.
#[cfg(feature = "ssr")]
pub mod bundle {
    use std::sync::OnceLock;

    use reader_core::article::Article;
    use reader_core::library::DataFile;

    const BUNDLE: &str = include_str!(concat!(env!("OUT_DIR"), "/articles.json"));

    /// Every article, newest first.
    pub fn articles() -> &'static [Article] {
        static ARTICLES: OnceLock<Vec<Article>> = OnceLock::new();
        ARTICLES
            .get_or_init(|| serde_json::from_str(BUNDLE).expect("build.rs writes a valid bundle"))
    }

    /// The index file and the articles' data files, as the build writes them.
    pub fn files() -> &'static (DataFile, Vec<DataFile>) {
        static FILES: OnceLock<(DataFile, Vec<DataFile>)> = OnceLock::new();
        FILES.get_or_init(|| reader_core::library::files(articles()))
    }
}

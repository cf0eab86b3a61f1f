//! The library's articles, as data files beside the pages ([`reader_core::library`]): the
//! index (every article's title, details and data file) and each article's own file, loaded
//! when it is opened. The app holds no article itself: adding or fixing one changes only those
//! files, and a first visit downloads only what it shows.
//!
//! In the browser, [`load_for_page`] reads the files the page names (`<meta name="reader-library">`
//! and, on an article's page, `<meta name="reader-article">`; both fetched by the loader
//! after the first paint, while the app downloads) before the app takes over the page. Loaded articles are kept for the
//! visit. When prerendering, everything comes from the bundle `build.rs` writes.

use std::cell::RefCell;
use std::sync::OnceLock;

use reader_core::article::Article;
use reader_core::formats::ArticleInfo;
use reader_core::library::Entry;

/// The index, once known (at build time: made from the bundle; in the browser: set by
/// [`load_for_page`] before the app starts).
static INDEX: OnceLock<Vec<Entry>> = OnceLock::new();

thread_local! {
    /// Articles loaded so far, kept for the visit, with the text their highlights anchor in (a
    /// visit opens a few: a list is smaller in the WebAssembly than a map, and as fast).
    static LOADED: RefCell<Vec<(&'static Article, &'static str)>> = const { RefCell::new(Vec::new()) };
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
        INDEX.get().map_or(&[], Vec::as_slice)
    }
}

/// The index entry of the article `slug`.
pub fn entry(slug: &str) -> Option<&'static Entry> {
    index().iter().find(|e| e.slug == slug)
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

/// Keeps `article` for the visit.
#[cfg(not(feature = "ssr"))]
fn keep(article: Article) -> &'static Article {
    let article: &'static Article = Box::leak(Box::new(article));
    annotatable_text(article);
    article
}

/// Article details for exports and imports, with absolute links into this copy of the app.
pub fn article_infos() -> Vec<ArticleInfo> {
    let root = crate::routes::root_url();
    index()
        .iter()
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
    let entry = entry(slug).ok_or_else(|| format!("“{slug}” is not in the library"))?;
    let json = fetch_text(&entry.data).await?;
    let article = reader_core::library::parse_article(&json, slug)
        .map_err(|e| crate::messages::load_error(&entry.data, &e))?;
    Ok(loaded(slug).unwrap_or_else(|| keep(article)))
}

/// Reads the files the page names: the index, and the page's own article if it is one.
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
    let article_file = named("reader-article");
    // Both at once; the loader started fetching them while the app downloaded.
    let index = fetch_text(&index_file);
    let article = async {
        match &article_file {
            Some(file) => fetch_text(file).await.map(Some),
            None => Ok(None),
        }
    };
    let (index, article) = futures::future::join(index, article).await;
    let index = reader_core::library::parse_index(&index?)
        .map_err(|e| crate::messages::load_error(&index_file, &e))?;
    if let (Some(json), Some(file)) = (article?, article_file) {
        let article: Article = serde_json::from_str(&json).map_err(|e| {
            crate::messages::load_error(
                &file,
                &reader_core::library::LoadError::Malformed(e.to_string()),
            )
        })?;
        keep(article);
    }
    let _ = INDEX.set(index.articles);
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
/// answers once). The loader fetches the files the page names rather than preloading them,
/// because WebKit does not answer a later `fetch()` from a `<link rel=preload as=fetch>` and
/// would download each file twice (scripts/build/loader.mjs).
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

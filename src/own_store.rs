//! The reader's own articles, kept in IndexedDB (local storage's 5 MB would hold a handful):
//! the database `reader-articles`, with two object stores keyed by slug, `entries` (what the
//! library lists: [`OwnEntry`] as JSON) and `articles` (the article as JSON, as the build's data
//! files hold it). An article and its entry are written in one transaction, so an article is
//! either wholly there or absent. Values are JSON text, read with the same code as the
//! library's files.
//!
//! Written with web-sys directly: the handful of calls this needs (open with an upgrade, get,
//! getAll, put, delete, a transaction's end) did not warrant a wrapper crate's futures and
//! error types in the first download.
//!
//! Schema versions: 1 (both stores). A later version adds its step to [`upgrade`].

use reader_core::article::Article;
use reader_core::library::OwnEntry;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{IdbDatabase, IdbRequest, IdbTransaction, IdbTransactionMode};

const DATABASE: &str = "reader-articles";
const VERSION: u32 = 1;
const ENTRIES: &str = "entries";
const ARTICLES: &str = "articles";

/// What adding an article came to.
#[derive(Clone, Debug, PartialEq)]
pub enum Added {
    Added,
    /// An article with the same text is already there (its entry).
    AlreadyThere(Box<OwnEntry>),
}

/// Why the store could not be used, as the browser said it.
#[derive(Clone, Debug, PartialEq)]
pub enum StoreError {
    /// IndexedDB is not available (some private modes).
    Unavailable,
    /// The browser's storage for this site is full.
    Full,
    /// Anything else: the browser's name for it.
    Failed(String),
}

/// Every entry, most recently added first.
pub async fn entries() -> Result<Vec<OwnEntry>, StoreError> {
    let db = open().await?;
    let tx = transaction(&db, ENTRIES, IdbTransactionMode::Readonly)?;
    let store = tx.object_store(ENTRIES).map_err(failed)?;
    let all = done(&store.get_all().map_err(failed)?).await?;
    let mut entries: Vec<OwnEntry> = js_sys::Array::from(&all)
        .iter()
        .filter_map(|v| v.as_string())
        // An entry that does not read (a later version's, say) is left where it is.
        .filter_map(|json| serde_json::from_str(&json).ok())
        .collect();
    reader_core::sort::sort_by(&mut entries, |a, b| b.added.total_cmp(&a.added));
    Ok(entries)
}

/// The article `slug`, if it is there.
pub async fn article(slug: &str) -> Result<Option<Article>, StoreError> {
    let db = open().await?;
    let tx = transaction(&db, ARTICLES, IdbTransactionMode::Readonly)?;
    let store = tx.object_store(ARTICLES).map_err(failed)?;
    let value = done(&store.get(&slug.into()).map_err(failed)?).await?;
    Ok(value
        .as_string()
        .and_then(|json| reader_core::library::parse_article(&json, slug).ok()))
}

/// Adds `article` with its entry, unless one with its slug (its text) is there.
pub async fn add(article: &Article, entry: &OwnEntry) -> Result<Added, StoreError> {
    let db = open().await?;
    let tx = db
        .transaction_with_str_sequence_and_mode(
            &js_sys::Array::of2(&ENTRIES.into(), &ARTICLES.into()),
            IdbTransactionMode::Readwrite,
        )
        .map_err(failed)?;
    let entries = tx.object_store(ENTRIES).map_err(failed)?;
    let there = done(&entries.get(&article.slug.as_str().into()).map_err(failed)?).await?;
    if let Some(there) = there
        .as_string()
        .and_then(|json| serde_json::from_str::<OwnEntry>(&json).ok())
    {
        return Ok(Added::AlreadyThere(Box::new(there)));
    }
    let json = |value: String| JsValue::from_str(&value);
    let key = JsValue::from_str(&article.slug);
    entries
        .put_with_key(
            &json(serde_json::to_string(entry).unwrap_or_default()),
            &key,
        )
        .map_err(failed)?;
    tx.object_store(ARTICLES)
        .map_err(failed)?
        .put_with_key(
            &json(serde_json::to_string(article).unwrap_or_default()),
            &key,
        )
        .map_err(failed)?;
    finished(&tx).await?;
    Ok(Added::Added)
}

/// Deletes the article `slug` and its entry.
pub async fn delete(slug: &str) -> Result<(), StoreError> {
    let db = open().await?;
    let tx = db
        .transaction_with_str_sequence_and_mode(
            &js_sys::Array::of2(&ENTRIES.into(), &ARTICLES.into()),
            IdbTransactionMode::Readwrite,
        )
        .map_err(failed)?;
    for name in [ENTRIES, ARTICLES] {
        tx.object_store(name)
            .map_err(failed)?
            .delete(&slug.into())
            .map_err(failed)?;
    }
    finished(&tx).await
}

thread_local! {
    static DB: std::cell::RefCell<Option<IdbDatabase>> = const { std::cell::RefCell::new(None) };
}

async fn open() -> Result<IdbDatabase, StoreError> {
    if let Some(db) = DB.with(|d| d.borrow().clone()) {
        return Ok(db);
    }
    let factory = leptos::prelude::window()
        .indexed_db()
        .ok()
        .flatten()
        .ok_or(StoreError::Unavailable)?;
    let request = factory
        .open_with_u32(DATABASE, VERSION)
        .map_err(|_| StoreError::Unavailable)?;
    let on_upgrade = Closure::<dyn Fn(web_sys::IdbVersionChangeEvent)>::new(
        |event: web_sys::IdbVersionChangeEvent| {
            let db = event
                .target()
                .and_then(|t| t.dyn_into::<IdbRequest>().ok())
                .and_then(|r| r.result().ok())
                .and_then(|r| r.dyn_into::<IdbDatabase>().ok());
            if let Some(db) = db {
                upgrade(&db, event.old_version() as u32);
            }
        },
    );
    request.set_onupgradeneeded(Some(on_upgrade.as_ref().unchecked_ref()));
    let db = done(&request).await;
    request.set_onupgradeneeded(None);
    drop(on_upgrade);
    let db: IdbDatabase = db?.dyn_into().map_err(|_| StoreError::Unavailable)?;
    // Another tab's newer version asks this one to step aside: it closes, and opens again
    // (the newer version) when next needed.
    let on_change = Closure::<dyn Fn()>::new(|| {
        if let Some(db) = DB.with(|d| d.borrow_mut().take()) {
            db.close();
        }
    });
    db.set_onversionchange(Some(on_change.as_ref().unchecked_ref()));
    on_change.forget();
    DB.with(|d| *d.borrow_mut() = Some(db.clone()));
    Ok(db)
}

/// The schema's steps from `old` to [`VERSION`].
fn upgrade(db: &IdbDatabase, old: u32) {
    if old < 1 {
        for name in [ENTRIES, ARTICLES] {
            let _ = db.create_object_store(name);
        }
    }
}

fn transaction(
    db: &IdbDatabase,
    store: &str,
    mode: IdbTransactionMode,
) -> Result<IdbTransaction, StoreError> {
    db.transaction_with_str_and_mode(store, mode)
        .map_err(failed)
}

/// The request's result once it succeeds.
async fn done(request: &IdbRequest) -> Result<JsValue, StoreError> {
    let promise = js_sys::Promise::new(&mut |resolve, reject| {
        let (ok, bad) = (request.clone(), request.clone());
        let on_success = Closure::once_into_js(move || {
            let _ = resolve.call1(&JsValue::NULL, &ok.result().unwrap_or(JsValue::UNDEFINED));
        });
        let on_error = Closure::once_into_js(move || {
            let error = bad
                .error()
                .ok()
                .flatten()
                .map_or(JsValue::NULL, JsValue::from);
            let _ = reject.call1(&JsValue::NULL, &error);
        });
        request.set_onsuccess(Some(on_success.unchecked_ref()));
        request.set_onerror(Some(on_error.unchecked_ref()));
    });
    JsFuture::from(promise).await.map_err(failed)
}

/// Waits for the transaction to be committed.
async fn finished(tx: &IdbTransaction) -> Result<(), StoreError> {
    let promise = js_sys::Promise::new(&mut |resolve, reject| {
        let bad = tx.clone();
        let on_complete = Closure::once_into_js(move || {
            let _ = resolve.call0(&JsValue::NULL);
        });
        let on_error = Closure::once_into_js(move || {
            let error = bad.error().map_or(JsValue::NULL, JsValue::from);
            let _ = reject.call1(&JsValue::NULL, &error);
        });
        tx.set_oncomplete(Some(on_complete.unchecked_ref()));
        // A failed request or commit (a full quota among them) aborts the transaction.
        tx.set_onabort(Some(on_error.unchecked_ref()));
    });
    JsFuture::from(promise).await.map(|_| ()).map_err(failed)
}

fn failed(error: JsValue) -> StoreError {
    let name = error
        .dyn_ref::<web_sys::DomException>()
        .map(|e| e.name())
        .unwrap_or_default();
    match name.as_str() {
        "QuotaExceededError" => StoreError::Full,
        "" => StoreError::Failed("an unknown error".into()),
        _ => StoreError::Failed(name),
    }
}

//! The reader's own articles, kept in IndexedDB (local storage's 5 MB would hold a handful):
//! the database `reader-articles`, with three object stores keyed by slug, `entries` (what the
//! library lists: [`OwnEntry`] as JSON), `articles` (the article as JSON, as the build's data
//! files hold it) and `images` (the images the saved page held, as types and bytes: WebKit
//! cannot keep a `Blob` in IndexedDB in every kind of session, bytes it always can; see
//! [`Images`]). An article, its entry and its images are written in one transaction, so an
//! article is either wholly there or absent. Values are JSON text, read with the same code as the
//! library's files. The jobs' worker opens the same database (a backup reads every article, a
//! restore adds the backup's), so the page's first download carries neither.
//!
//! Written with web-sys directly: the handful of calls this needs (open with an upgrade, get,
//! getAll, put, delete, a transaction's end) did not warrant a wrapper crate's futures and
//! error types in the first download. Measured (1 December 2026, the same operations built
//! both ways, release profile, `wasm-opt -Oz`, brotli): `idb` 0.6.5 costs 9.8 KB over an empty
//! module against 6.6 KB for this code, 3.1 KB more, and brings tokio's `sync` with it; it
//! also attaches a request's listeners only when the request is awaited, so requests made at
//! once must each be made a future at once (as [`watch`] does here).
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
const IMAGES: &str = "images";
const ALL: [&str; 3] = [ENTRIES, ARTICLES, IMAGES];

/// What adding an article came to.
#[derive(Clone, Debug, PartialEq)]
pub enum Added {
    Added,
    /// An article with the same text is already there (its entry).
    AlreadyThere(Box<OwnEntry>),
}

/// An article as kept in the store: what a deletion keeps to put back.
#[derive(Clone, Debug)]
pub struct Kept {
    pub slug: String,
    /// The article's and its entry's JSON and its images as stored, held by the page only
    /// (JavaScript values are not `Send`; the app has one thread).
    pub stored: send_wrapper::SendWrapper<(JsValue, JsValue, Option<JsValue>)>,
}

/// An article's images as kept: one array of types and bytes, `[type, bytes, type, bytes, …]`,
/// the lead image's pair first (two `null`s when it has none), then one pair for each of the
/// body's images in the order of the article's `images` (`null`s for one not kept; the array
/// may end before the last ones). Version 1 kept only the lead image's pair, which reads the
/// same. The worker makes it, the page stores it as it is.
#[derive(Clone, Debug)]
pub struct Images(pub JsValue);

impl Images {
    /// The lead image (`n` = 0) or the body's image `n - 1`, as a `Blob` of its type to show
    /// through an object URL; none when it was not kept.
    pub fn blob(&self, n: usize) -> Option<web_sys::Blob> {
        let pairs = self.0.dyn_ref::<js_sys::Array>()?;
        let at = u32::try_from(n * 2).ok()?;
        let mime = pairs.get(at).as_string()?;
        let bytes: js_sys::Uint8Array = pairs.get(at + 1).dyn_into().ok()?;
        let options = web_sys::BlobPropertyBag::new();
        options.set_type(&mime);
        web_sys::Blob::new_with_u8_array_sequence_and_options(&js_sys::Array::of1(&bytes), &options)
            .ok()
    }
}

impl Kept {
    /// The article `slug` as `stored`, kept to be put back.
    pub fn of(slug: String, stored: Stored) -> Box<Kept> {
        Box::new(Kept {
            slug,
            stored: send_wrapper::SendWrapper::new((stored.json, stored.entry, stored.images)),
        })
    }
}

impl PartialEq for Kept {
    fn eq(&self, other: &Kept) -> bool {
        self.slug == other.slug
    }
}

/// An article as the store has it: read, and as stored (its JSON, its entry's, its images).
pub struct Stored {
    pub article: Article,
    pub json: JsValue,
    pub entry: JsValue,
    pub images: Option<JsValue>,
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

/// The hash of the words the reader's article `slug` holds now, and when it was first added;
/// none if it is not there or cannot be read.
pub async fn words_of(slug: &str) -> Option<(String, u64)> {
    let stored = article(slug).await.ok()??;
    let words = reader_core::library::hash(&stored.article.annotatable_text());
    let entry = reader_core::library::parse_own_entry(&stored.entry.as_string()?).ok()?;
    Some((words, entry.added as u64))
}

/// Which of the reader's articles `slugs` are in the places of the words whose slug is `first`
/// (see [`reader_core::library::copy_number`]), each with the hash of its words (`None` when
/// they cannot be read): what [`reader_core::library::place`] chooses among. Only those are
/// read.
pub async fn places<'a>(
    first: &str,
    slugs: impl Iterator<Item = &'a str>,
) -> Vec<(String, Option<String>)> {
    let mut there = Vec::new();
    for slug in slugs.filter(|s| reader_core::library::copy_number(first, s).is_some()) {
        there.push((slug.to_string(), words_of(slug).await.map(|(w, _)| w)));
    }
    there
}

/// A reader's article as stored, its JSON and its entry's (JavaScript strings), moved to the
/// slug `to`, all else as it was ([`reader_core::library::moved_own`]); `None` if they are not
/// of that shape.
pub fn moved(json: &JsValue, entry: &JsValue, to: &str) -> Option<(JsValue, JsValue)> {
    let (json, entry) = json.as_string().zip(entry.as_string())?;
    let (json, entry) = reader_core::library::moved_own(&json, &entry, to)?;
    Some((json.into(), entry.into()))
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
        .filter_map(|json| reader_core::library::parse_own_entry(&json).ok())
        .collect();
    reader_core::sort::sort_by(&mut entries, |a, b| b.added.total_cmp(&a.added));
    Ok(entries)
}

/// The article `slug` and its images, if it is there.
pub async fn article(slug: &str) -> Result<Option<Stored>, StoreError> {
    let db = open().await?;
    let tx = all(&db, IdbTransactionMode::Readonly)?;
    let key = JsValue::from_str(slug);
    // All three asked for at once, each watched from the start.
    let value = watch(
        &tx.object_store(ARTICLES)
            .map_err(failed)?
            .get(&key)
            .map_err(failed)?,
    );
    let image = watch(
        &tx.object_store(IMAGES)
            .map_err(failed)?
            .get(&key)
            .map_err(failed)?,
    );
    let entry = watch(
        &tx.object_store(ENTRIES)
            .map_err(failed)?
            .get(&key)
            .map_err(failed)?,
    );
    let value = value.await.map_err(failed)?;
    let image = image.await.map_err(failed)?;
    let entry = entry.await.map_err(failed)?;
    Ok(value
        .as_string()
        .and_then(|json| reader_core::library::parse_article(&json, slug).ok())
        .map(|article| Stored {
            article,
            json: value,
            entry,
            images: image.is_array().then_some(image),
        }))
}

/// Every article as stored, for a backup (read by the worker): each `[article JSON, entry
/// JSON, images as stored or undefined]`, read in one transaction (a snapshot, even while
/// another tab adds one).
pub async fn everything() -> Result<js_sys::Array, StoreError> {
    let db = open().await?;
    let tx = all(&db, IdbTransactionMode::Readonly)?;
    // Every request made at once, each watched from the start.
    let mut asked = Vec::new();
    for name in [ARTICLES, ENTRIES, IMAGES] {
        let store = tx.object_store(name).map_err(failed)?;
        asked.push(watch(&store.get_all_keys().map_err(failed)?));
        asked.push(watch(&store.get_all().map_err(failed)?));
    }
    let mut got = Vec::new();
    for request in asked {
        got.push(js_sys::Array::from(&request.await.map_err(failed)?));
    }
    let by_key = |keys: &js_sys::Array, values: &js_sys::Array| {
        let map = js_sys::Map::new();
        for (key, value) in keys.iter().zip(values.iter()) {
            map.set(&key, &value);
        }
        map
    };
    let (entries, images) = (by_key(&got[2], &got[3]), by_key(&got[4], &got[5]));
    let out = js_sys::Array::new();
    for (key, article) in got[0].iter().zip(got[1].iter()) {
        out.push(&js_sys::Array::of3(
            &article,
            &entries.get(&key),
            &images.get(&key),
        ));
    }
    Ok(out)
}

/// Adds the article `slug` (its JSON and its entry's, as the worker wrote them) with its
/// images ([`Images`], as the worker made them), unless one with its slug (its text) is there.
pub async fn add(
    slug: &str,
    article: &JsValue,
    entry: &JsValue,
    images: Option<&JsValue>,
) -> Result<Added, StoreError> {
    write(slug, article, entry, images, false).await
}

/// Writes the article `slug`, its entry and its images (or none) over what is there: a newer
/// copy's text in place of the old (the reader's highlights, keyed by the slug, stay with it),
/// or an article put back.
pub async fn replace(
    slug: &str,
    article: &JsValue,
    entry: &JsValue,
    images: Option<&JsValue>,
) -> Result<(), StoreError> {
    write(slug, article, entry, images, true).await.map(drop)
}

async fn write(
    slug: &str,
    article: &JsValue,
    entry: &JsValue,
    images: Option<&JsValue>,
    over: bool,
) -> Result<Added, StoreError> {
    let db = open().await?;
    let tx = all(&db, IdbTransactionMode::Readwrite)?;
    let entries = tx.object_store(ENTRIES).map_err(failed)?;
    let key = JsValue::from_str(slug);
    if !over {
        let there = done(&entries.get(&key).map_err(failed)?).await?;
        if let Some(there) = there
            .as_string()
            .and_then(|json| reader_core::library::parse_own_entry(&json).ok())
        {
            return Ok(Added::AlreadyThere(Box::new(there)));
        }
    }
    // A write the browser refuses at once (a full store, a value it cannot keep) would leave
    // the others to commit when the transaction ends: it is aborted instead, so the article is
    // wholly there or absent.
    let written = (|| {
        entries.put_with_key(entry, &key)?;
        tx.object_store(ARTICLES)?.put_with_key(article, &key)?;
        let kept = tx.object_store(IMAGES)?;
        match images.filter(|i| i.is_array()) {
            Some(images) => drop(kept.put_with_key(images, &key)?),
            // An older copy's images would be shown in this one's places.
            None if over => drop(kept.delete(&key)?),
            None => {}
        }
        Ok::<_, JsValue>(())
    })();
    if let Err(e) = written {
        let _ = tx.abort();
        return Err(failed(e));
    }
    finished(&tx).await?;
    Ok(Added::Added)
}

/// Deletes the article `slug`, its entry and its images.
pub async fn delete(slug: &str) -> Result<(), StoreError> {
    let db = open().await?;
    let tx = all(&db, IdbTransactionMode::Readwrite)?;
    // As in `add`: all three go, or none.
    let deleted = ALL
        .into_iter()
        .try_for_each(|name| tx.object_store(name)?.delete(&slug.into()).map(drop));
    if let Err(e) = deleted {
        let _ = tx.abort();
        return Err(failed(e));
    }
    finished(&tx).await
}

/// The site's storage as the browser estimates it: bytes used (everything: articles, images,
/// the app's own cache) and bytes it may use; None where the browser does not say.
pub async fn estimate() -> Option<(f64, f64)> {
    let estimate = JsFuture::from(storage_call("estimate")?).await.ok()?;
    let number = |name: &str| js_sys::Reflect::get(&estimate, &name.into()).ok()?.as_f64();
    Some((number("usage")?, number("quota")?))
}

/// Asks the browser to keep this site's storage when space runs low (it may ask the reader, or
/// decide alone); whether it will. Asked when the reader first adds an article.
pub async fn persist() -> Option<bool> {
    JsFuture::from(storage_call("persist")?)
        .await
        .ok()?
        .as_bool()
}

/// Calls `navigator.storage[name]()`, where there is one.
fn storage_call(name: &str) -> Option<js_sys::Promise> {
    let storage = js_sys::Reflect::get(&leptos::prelude::window().navigator(), &"storage".into())
        .ok()
        .filter(|s| s.is_object())?;
    let method: js_sys::Function = js_sys::Reflect::get(&storage, &name.into())
        .ok()?
        .dyn_into()
        .ok()?;
    method.call0(&storage).ok()?.dyn_into().ok()
}

thread_local! {
    static DB: std::cell::RefCell<Option<IdbDatabase>> = const { std::cell::RefCell::new(None) };
}

async fn open() -> Result<IdbDatabase, StoreError> {
    if let Some(db) = DB.with(|d| d.borrow().clone()) {
        return Ok(db);
    }
    // The page's or the worker's (which reads them for a backup and adds a backup's).
    let factory: web_sys::IdbFactory = js_sys::Reflect::get(&js_sys::global(), &"indexedDB".into())
        .ok()
        .and_then(|f| f.dyn_into().ok())
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
        for name in ALL {
            let _ = db.create_object_store(name);
        }
    }
}

/// A transaction over every store.
fn all(db: &IdbDatabase, mode: IdbTransactionMode) -> Result<IdbTransaction, StoreError> {
    let names = js_sys::Array::new();
    for name in ALL {
        names.push(&name.into());
    }
    db.transaction_with_str_sequence_and_mode(&names, mode)
        .map_err(failed)
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
    watch(request).await.map_err(failed)
}

/// The request's result as a future, its listeners set now (a request that completes before
/// its future is first polled is not missed).
fn watch(request: &IdbRequest) -> JsFuture {
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
    JsFuture::from(promise)
}

/// Waits for the transaction to be committed; the first error or its abort if it fails (a full
/// quota among them). Listens to both: WebKit may report a failed request without aborting
/// the transaction's listeners' way.
async fn finished(tx: &IdbTransaction) -> Result<(), StoreError> {
    use std::cell::RefCell;
    use std::rc::Rc;
    let (send, outcome) = futures::channel::oneshot::channel::<Result<(), JsValue>>();
    let send = Rc::new(RefCell::new(Some(send)));
    let on_complete = Closure::<dyn FnMut()>::new({
        let send = send.clone();
        move || {
            if let Some(send) = send.borrow_mut().take() {
                let _ = send.send(Ok(()));
            }
        }
    });
    let on_failure = Closure::<dyn FnMut(web_sys::Event)>::new({
        let tx = tx.clone();
        move |event: web_sys::Event| {
            // A transaction aborted (a full store found when it commits, say) first fails its
            // pending requests with `AbortError`: the reason is the transaction's.
            let error = event
                .target()
                .and_then(|t| t.dyn_into::<IdbRequest>().ok())
                .and_then(|r| r.error().ok().flatten())
                .filter(|e| e.name() != "AbortError")
                .or_else(|| tx.error())
                .map_or(JsValue::NULL, JsValue::from);
            if let Some(send) = send.borrow_mut().take() {
                let _ = send.send(Err(error));
            }
        }
    });
    tx.set_oncomplete(Some(on_complete.as_ref().unchecked_ref()));
    tx.set_onerror(Some(on_failure.as_ref().unchecked_ref()));
    tx.set_onabort(Some(on_failure.as_ref().unchecked_ref()));
    let outcome = outcome.await.unwrap_or(Err(JsValue::NULL));
    tx.set_oncomplete(None);
    tx.set_onerror(None);
    tx.set_onabort(None);
    outcome.map_err(failed)
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

//! The app's worker (built by Trunk as `data-type="worker"`, see index.html; started by the page
//! on first use, src/worker.rs). It says "ready" once it listens, then answers each message
//! `[id, job]` with `[id, answer]`: the job is JSON text, the answer a list of texts
//! (`Answer::to_fields`, which the page reads with less code than JSON). The work is
//! `reader_core::jobs::run`, tested natively; the reasons are put into words here, with the
//! page's own words (`reader::messages`), so the page never carries the code that reads them.
//!
//! A reader's own file comes as `[id, job, bytes, given]` (`Job::OwnArticle`, the file's bytes,
//! a `Uint8Array`, and the image files given with it, `[[path, File], …]`, which it may name)
//! and is made an article by `reader_import::own` (feature `extract`), answered with the
//! article, its entry, its images and which of the given files it named: only the
//! extractor, this worker built with that feature (src/bin/extractor.rs), does that work, so
//! exports, imports and backups never load the extraction's code.
//! A backup (`Job::Backup`) reads the reader's own articles from their store itself (the page's
//! IndexedDB is the worker's too) and goes back as `[id, answer, file text]`; a backup to
//! restore comes as `[id, job, text]` (`Job::Restore`): the worker adds its articles to the
//! store, merges its annotations into the page's as an import's are (`Job::ReadImport`), and
//! answers with the records to write and the report, the backup's settings and how many
//! articles it added beside (`reader_core::backup` reads and writes the file).

#[cfg(target_arch = "wasm32")]
pub fn main() {
    use js_sys::Array;
    use reader_core::jobs::{run, Answer, Job};
    use wasm_bindgen::prelude::*;
    use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let answer = {
        let scope = scope.clone();
        Closure::<dyn Fn(MessageEvent)>::new(move |event: MessageEvent| {
            let scope = scope.clone();
            // Jobs that use the reader's own articles' store wait for it; the others are done
            // at once (each reply names its request, so the order of replies does not matter).
            wasm_bindgen_futures::spawn_local(async move {
                let message = Array::from(&event.data());
                let request = message.get(1).as_string().unwrap_or_default();
                // What travels beside the answer (an article made, a backup file, settings).
                let mut beside: Vec<JsValue> = Vec::new();
                let answer = match Job::from_json(&request) {
                    #[cfg(feature = "extract")]
                    Ok(Job::OwnArticle { name, added, place }) => {
                        let bytes = js_sys::Uint8Array::new(&message.get(2)).to_vec();
                        let given = Given::of(&message.get(3));
                        let (answer, made) = own_article(&name, &added, place, &bytes, &given);
                        if let Some(made) = made {
                            beside.push(JsValue::from_str(&made.json));
                            beside.push(JsValue::from_str(&made.entry));
                            beside.push(made.images.map_or(JsValue::NULL, JsValue::from));
                            beside.push(given.named().into());
                        }
                        answer
                    }
                    Ok(Job::Backup {
                        made,
                        settings,
                        records,
                    }) => match reader::own_store::everything().await {
                        Ok(articles) => {
                            let (answer, file) = backup(made, settings, records, &articles);
                            beside.push(JsValue::from_str(&file));
                            answer
                        }
                        Err(e) => Answer::Failed(reader::messages::own_store_error(&e)),
                    },
                    Ok(Job::ReadImport {
                        text,
                        articles,
                        here,
                    }) => {
                        match reader_core::formats::web_annotation::import::parse(&text, &articles)
                        {
                            // The records go to the merge as read; what was skipped, in words.
                            Ok(mut parsed) => {
                                let skips = parsed
                                    .skipped
                                    .drain(..)
                                    .map(|s| (s.item, reader::messages::skip(&s.reason)))
                                    .collect();
                                merged(parsed, skips, &here, &articles)
                            }
                            Err(e) => Answer::Refused(reader::messages::import_error(&e)),
                        }
                    }
                    Ok(Job::Restore {
                        here,
                        articles,
                        read_only,
                    }) => {
                        let text = message.get(2).as_string().unwrap_or_default();
                        let (answer, settings, added) =
                            restore(&text, &here, articles, read_only).await;
                        beside.push(settings.map_or(JsValue::NULL, |s| JsValue::from_str(&s)));
                        beside.push(JsValue::from(added as u32));
                        answer
                    }
                    Ok(job) => Answer::new(run(job)),
                    Err(why) => Answer::Failed(why),
                };
                let fields: Array = answer
                    .to_fields()
                    .iter()
                    .map(|f| JsValue::from_str(f))
                    .collect();
                let reply = Array::of2(&message.get(0), &fields);
                for value in beside {
                    reply.push(&value);
                }
                // Posting numbers, strings and bytes cannot fail.
                let _ = scope.post_message(&reply);
            })
        })
    };
    scope.set_onmessage(Some(answer.as_ref().unchecked_ref()));
    // The worker lives as long as its page, and its listener with it.
    answer.forget();
    let _ = scope.post_message(&JsValue::from_str("ready"));
}

/// The backup file of `records`, `settings` and the reader's articles (`articles`: each
/// `[article JSON, entry JSON, images as stored]`, as read from their store), and what it
/// holds.
#[cfg(target_arch = "wasm32")]
fn backup(
    made: String,
    settings: Option<reader_core::settings::Settings>,
    records: Vec<reader_core::jobs::StoredRecord>,
    articles: &wasm_bindgen::JsValue,
) -> (reader_core::jobs::Answer, String) {
    use reader_core::backup::{write, Everything, Image, OwnArticle};
    use wasm_bindgen::JsCast;
    let mut everything = Everything {
        settings,
        records,
        articles: Vec::new(),
    };
    let mut unreadable = 0;
    for item in js_sys::Array::from(articles).iter() {
        let item = js_sys::Array::from(&item);
        let json = |i| item.get(i).as_string().unwrap_or_default();
        let article = reader_core::library::read_article(&json(0));
        let entry = reader_core::library::parse_own_entry(&json(1));
        let (Ok(article), Ok(entry)) = (article, entry) else {
            unreadable += 1;
            continue;
        };
        // The images as the store keeps them: `[type, bytes, …]`, the lead image's pair first.
        let mut images: Vec<Option<Image>> = match item.get(2).dyn_into::<js_sys::Array>() {
            Ok(pairs) => (0..pairs.length() / 2)
                .map(|n| {
                    Some(Image {
                        mime: pairs.get(2 * n).as_string()?,
                        bytes: pairs
                            .get(2 * n + 1)
                            .dyn_into::<js_sys::Uint8Array>()
                            .ok()?
                            .to_vec(),
                    })
                })
                .collect(),
            Err(_) => Vec::new(),
        };
        let image = if images.is_empty() {
            None
        } else {
            images.remove(0)
        };
        everything.articles.push(OwnArticle {
            added: entry.added,
            article,
            image,
            figures: images,
            file: entry.file,
        });
    }
    let file = write(&made, &everything);
    let answer = reader_core::jobs::Answer::BackedUp {
        articles: everything.articles.len(),
        records: everything.records.len(),
        unreadable,
    };
    (answer, file)
}

/// The records read from a file (`parsed`; `read_skips`, what was skipped as it was read, in
/// words) merged into the page's (`here`) by its store's rules: those to write, and the report
/// in words (`articles` name the articles).
#[cfg(target_arch = "wasm32")]
fn merged(
    parsed: reader_core::formats::web_annotation::import::Parsed,
    read_skips: Vec<(usize, String)>,
    here: &[reader_core::jobs::StoredRecord],
    articles: &[reader_core::formats::ArticleInfo],
) -> reader_core::jobs::Answer {
    use reader_core::jobs::Answer;
    // The browser's clock, as the page's store reads it.
    let now = || String::from(js_sys::Date::new_0().to_iso_string());
    match reader_core::jobs::merge_read(here, parsed, &now) {
        Ok((report, records)) => {
            let summary = reader::messages::import_report(&report, &read_skips, |slug| {
                articles
                    .iter()
                    .find(|a| a.slug == slug)
                    .map_or_else(|| slug.to_string(), |a| a.title.clone())
            });
            Answer::Merged {
                records,
                headline: summary.headline,
                details: summary.details,
            }
        }
        Err(why) => Answer::Failed(why),
    }
}

/// Restores the backup file `text`: its articles are added to the store (first, so that the
/// annotations on them find them), its annotations merged into `here` as an import's are
/// (not when the page's store is `read_only`), and what came of it put into words. The answer
/// (the records to write, the report), the backup's settings as stored, and how many
/// articles were added.
#[cfg(target_arch = "wasm32")]
async fn restore(
    text: &str,
    here: &[reader_core::jobs::StoredRecord],
    mut articles: Vec<reader_core::formats::ArticleInfo>,
    read_only: Option<u32>,
) -> (reader_core::jobs::Answer, Option<String>, usize) {
    use reader::messages::{self, ArticlesRestored, ImportSummary};
    use reader::own_store::{self, Added};
    use reader_core::jobs::Answer;
    use wasm_bindgen::JsValue;
    let restored = match reader_core::backup::read(text) {
        Ok(restored) => restored,
        Err(e) => return (Answer::Refused(messages::backup_error(&e)), None, 0),
    };
    let mut added = ArticlesRestored::default();
    for own in &restored.articles {
        let entry = own.entry();
        let lead = own
            .image
            .as_ref()
            .map(|i| (i.mime.as_str(), i.bytes.as_slice()));
        let body = own
            .figures
            .iter()
            .map(|f| f.as_ref().map(|i| (i.mime.as_str(), i.bytes.as_slice())));
        let images = stored_images(lead, body).map(JsValue::from);
        let slug = &own.article.slug;
        let (json, entry_json) = (
            serde_json::to_string(&own.article).unwrap_or_default(),
            serde_json::to_string(&entry).unwrap_or_default(),
        );
        let (json, entry_json) = (JsValue::from_str(&json), JsValue::from_str(&entry_json));
        match own_store::add(slug, &json, &entry_json, images.as_ref()).await {
            Ok(Added::Added) => added.added += 1,
            Ok(Added::AlreadyThere(_)) => added.there += 1,
            Err(e) => added
                .failed
                .push((entry.entry.title.clone(), messages::own_store_error(&e))),
        }
        // Named in the report by their titles.
        articles.push(reader_core::formats::ArticleInfo {
            slug: slug.clone(),
            title: entry.entry.title.clone(),
            publication: String::new(),
            date: String::new(),
            url: String::new(),
            source: String::new(),
        });
    }
    let (records, annotations) = match (restored.records.is_empty(), read_only) {
        (true, _) => (Vec::new(), None),
        (false, Some(version)) => (
            Vec::new(),
            Some(Err(messages::import_error(
                &reader_core::formats::web_annotation::ImportError::ReadOnly { version },
            ))),
        ),
        // The backup's records, as stored, decoded as the store decodes its own.
        (false, None) => match reader_core::jobs::decode_records(restored.records)
            .map(|parsed| merged(parsed, Vec::new(), here, &articles))
            .unwrap_or_else(Answer::Failed)
        {
            Answer::Merged {
                records,
                headline,
                details,
            } => (records, Some(Ok(ImportSummary { headline, details }))),
            Answer::Refused(why) => (Vec::new(), Some(Err(why))),
            other => {
                let why = match other {
                    Answer::Failed(why) => why,
                    _ => "the merge answered another job".into(),
                };
                (Vec::new(), Some(Err(messages::records_unmerged(&why))))
            }
        },
    };
    let skipped = restored.skipped.iter().map(messages::backup_skip).collect();
    let settings = restored.settings.map(|s| s.to_json());
    let summary = messages::restore_report(
        &restored.made,
        &added,
        annotations,
        settings.is_some(),
        skipped,
    );
    let answer = Answer::Merged {
        records,
        headline: summary.headline,
        details: summary.details,
    };
    (answer, settings, added.added)
}

/// An article's images as the store keeps them (`[type, bytes, …]`, the lead image's pair
/// first, `null`s for an image not kept; see the page's `own_store::Images`); none when none was
/// kept.
#[cfg(target_arch = "wasm32")]
fn stored_images<'a>(
    lead: Option<(&'a str, &'a [u8])>,
    body: impl Iterator<Item = Option<(&'a str, &'a [u8])>>,
) -> Option<js_sys::Array> {
    use wasm_bindgen::JsValue;
    let pairs = js_sys::Array::new();
    let mut kept = 0;
    for image in std::iter::once(lead).chain(body) {
        match image {
            Some((mime, bytes)) => {
                kept += 1;
                pairs.push(&JsValue::from_str(mime));
                pairs.push(&js_sys::Uint8Array::from(bytes));
            }
            None => {
                pairs.push(&JsValue::NULL);
                pairs.push(&JsValue::NULL);
            }
        }
    }
    (kept > 0).then_some(pairs)
}

/// The image files the reader gave with the file (`[[path, File], …]`): read only when the
/// file names one of them, in this worker, synchronously.
#[cfg(all(target_arch = "wasm32", feature = "extract"))]
struct Given {
    paths: Vec<String>,
    files: Vec<web_sys::File>,
    /// The given images the file named, and whether each was kept.
    seen: std::cell::RefCell<Vec<(u32, bool)>>,
}

#[cfg(all(target_arch = "wasm32", feature = "extract"))]
impl Given {
    fn of(value: &wasm_bindgen::JsValue) -> Given {
        use wasm_bindgen::JsCast;
        let (mut paths, mut files) = (Vec::new(), Vec::new());
        if let Some(list) = value.dyn_ref::<js_sys::Array>() {
            for pair in list.iter() {
                let pair = js_sys::Array::from(&pair);
                if let (Some(path), Ok(file)) = (pair.get(0).as_string(), pair.get(1).dyn_into()) {
                    paths.push(path);
                    files.push(file);
                }
            }
        }
        Given {
            paths,
            files,
            seen: Default::default(),
        }
    }

    /// The bytes of the given image at `src`, if one is and it is an image the app shows (and
    /// keeps: not over [`reader_import::MAX_IMAGE_BYTES`], which is not read at all).
    fn read(&self, src: &str) -> Option<Vec<u8>> {
        let at = reader_import::own::companion(src, &self.paths)?;
        let file = &self.files[at];
        let bytes = web_sys::FileReaderSync::new()
            .ok()
            .filter(|_| file.size() <= reader_import::MAX_IMAGE_BYTES as f64)
            .and_then(|reader| reader.read_as_array_buffer(file).ok())
            .map(|buffer| js_sys::Uint8Array::new(&buffer).to_vec());
        let shown = bytes.filter(|b| reader_import::own::sniffed(b).is_some());
        let mut seen = self.seen.borrow_mut();
        if !seen.iter().any(|(i, _)| *i == at as u32) {
            seen.push((at as u32, shown.is_some()));
        }
        shown
    }

    /// The given images the file named, by their place in the list given: `[[kept…], [not
    /// shown…]]` (not an image the app shows, or not readable).
    fn named(&self) -> js_sys::Array {
        let (kept, refused) = (js_sys::Array::new(), js_sys::Array::new());
        for &(i, shown) in self.seen.borrow().iter() {
            if shown { &kept } else { &refused }.push(&i.into());
        }
        js_sys::Array::of2(&kept, &refused)
    }
}

/// A reader's article as sent beside the answer: its JSON, and the images the page held.
#[cfg(all(target_arch = "wasm32", feature = "extract"))]
struct Made {
    json: String,
    /// Its library entry as the store keeps it ([`reader_core::library::OwnEntry`]).
    entry: String,
    images: Option<js_sys::Array>,
}

/// The article of the reader's file `name` (its entry in the answer, the rest beside it), as
/// an article at its text's slug added now, or at `place` (a slug, and when it was first added:
/// an article it replaces, or a slug free beside one holding other words); or why there is
/// none, in words.
#[cfg(all(target_arch = "wasm32", feature = "extract"))]
fn own_article(
    name: &str,
    added: &str,
    place: Option<(String, u64)>,
    bytes: &[u8],
    given: &Given,
) -> (reader_core::jobs::Answer, Option<Made>) {
    use reader_core::jobs::Answer;
    let Ok(added) = reader_core::pub_date::PubDate::parse(added) else {
        return (Answer::Failed(format!("“{added}” is not a date")), None);
    };
    use reader_import::own;
    let refused = |refusal| Answer::Refused(reader::messages::own_refused(&refusal));
    if let Err(refusal) = own::check(bytes) {
        return (refused(refusal), None);
    }
    // Decoded by the browser's own decoders (the WHATWG Encoding Standard's), in the
    // encoding the bytes name or else the one browsers assume.
    let text = reader_import::candidates(bytes).iter().find_map(|label| {
        web_sys::TextDecoder::new_with_label(label)
            .ok()?
            .decode_with_u8_array(bytes)
            .ok()
    });
    let Some(text) = text else {
        return (Answer::Failed("the file could not be decoded".into()), None);
    };
    let beside = |src: &str| given.read(src);
    match own::article_of(name, own::kind(name, bytes), &text, added, &beside) {
        Ok(mut own) => {
            let mut first_added = js_sys::Date::now();
            if let Some((slug, added)) = place {
                own.article.slug = slug;
                first_added = added as f64;
            }
            let entry = reader_core::library::entry(&own.article, String::new());
            let answer = Answer::OwnArticle {
                slug: entry.slug.clone(),
                title: entry.title.clone(),
                source: entry.source.clone(),
            };
            let kept = reader_core::library::OwnEntry {
                added: first_added,
                entry,
                file: Some(name.to_string()),
            };
            let made = Made {
                json: serde_json::to_string(&own.article).unwrap_or_default(),
                entry: serde_json::to_string(&kept).unwrap_or_default(),
                images: stored_images(
                    own.image.as_ref().map(|i| (i.mime, i.bytes.as_slice())),
                    own.images
                        .iter()
                        .map(|i| i.as_ref().map(|i| (i.mime, i.bytes.as_slice()))),
                ),
            };
            (answer, Some(made))
        }
        Err(refusal) => (refused(refusal), None),
    }
}

/// Natively (the workspace's lints and tests) there is no worker to be.
#[cfg(not(target_arch = "wasm32"))]
pub fn main() {}

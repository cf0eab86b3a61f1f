//! Export (Markdown, W3C Web Annotation JSON) and import of the reader's annotations, and
//! what the app keeps in this browser: the storage used, and data kept aside because it
//! could not be read (downloaded or discarded by the reader).

use leptos::prelude::*;
use leptos::task::spawn_local;
use reader_core::formats::web_annotation::{ImportError, IMPORT_MAX_BYTES};
use reader_core::jobs::{Answer, Job};
use reader_core::store::{storage_bytes, time, Quarantined};
use wasm_bindgen::JsCast;

use crate::articles::article_infos;
use crate::components::show_if;
use crate::download::download;
#[cfg(not(feature = "ssr"))]
use crate::download::download_value;
use crate::messages::{self, size, ImportSummary};
use crate::store::{clock, use_store};
use crate::worker;
use reader_core::backup;

/// The exports the reader can download.
#[derive(Clone, Copy)]
enum Export {
    Markdown,
    WebAnnotations,
}

#[component]
pub fn Transfer() -> impl IntoView {
    let store = use_store();
    let report = RwSignal::new(None::<Result<ImportSummary, String>>);
    // Jobs at the worker, not yet answered: every click is one (two quick clicks on two
    // exports give two files); the worker does them in turn.
    let pending = RwSignal::new(0u32);
    let export = move |kind: Export| {
        pending.update(|n| *n += 1);
        let now = clock::now();
        let (articles, records) = (article_infos(), store.stored_records());
        let (job, file, mime, said) = match kind {
            Export::Markdown => (
                Job::Markdown {
                    articles,
                    records,
                    exported_at: messages::date_time(&now),
                },
                format!("reader-highlights-{}.md", time::day(&now)),
                "text/markdown",
                "Markdown export downloaded",
            ),
            Export::WebAnnotations => (
                Job::WebAnnotations { articles, records },
                format!("reader-annotations-{}.json", time::day(&now)),
                "application/ld+json",
                "JSON export downloaded",
            ),
        };
        spawn_local(async move {
            match worker::run(&job).await {
                Ok(Answer::File(text)) => {
                    download(&file, mime, &text);
                    store.announce(said.into());
                }
                other => report.set(Some(Err(worker::not_done("The export", other)))),
            }
            pending.update(|n| *n -= 1);
        });
    };
    let import = move |e: leptos::ev::Event| {
        let Some(file) = take_chosen_file(&e) else {
            return;
        };
        if file.size() > IMPORT_MAX_BYTES as f64 {
            report.set(Some(Err(format!(
                "“{}” is {}; imports are limited to {}. Nothing was changed.",
                file.name(),
                size(file.size() as usize),
                size(IMPORT_MAX_BYTES)
            ))));
            return;
        }
        pending.update(|n| *n += 1);
        spawn_local(async move {
            let text = wasm_bindgen_futures::JsFuture::from(file.text()).await;
            let outcome = match text.ok().and_then(|t| t.as_string()) {
                Some(text) => match store.read_only() {
                    Some(version) => {
                        Err(messages::import_error(&ImportError::ReadOnly { version }))
                    }
                    None => {
                        let job = Job::ReadImport {
                            text,
                            articles: article_infos(),
                            here: store.stored_records(),
                        };
                        match worker::run(&job).await {
                            Ok(merged) => store.apply_merged("The import", merged),
                            Err(e) => Err(worker::not_done("The import", Err(e))),
                        }
                    }
                },
                None => Err("The file could not be read as text. Nothing was changed.".into()),
            };
            report.set(Some(outcome));
            pending.update(|n| *n -= 1);
        });
    };
    let settings = crate::reading_settings::use_settings();
    let back_up = move |_| {
        pending.update(|n| *n += 1);
        let made = clock::now();
        let file = format!("reader-backup-{}.json", time::day(&made));
        let job = Job::Backup {
            made,
            settings: Some(settings.get_untracked()),
            records: store.stored_records(),
        };
        spawn_local(async move {
            let outcome = make_backup(job, &file).await;
            if let Ok(summary) = &outcome {
                store.announce(summary.headline.clone());
            }
            report.try_set(Some(outcome));
            pending.try_update(|n| *n -= 1);
        });
    };
    let restore = move |e: leptos::ev::Event| {
        let Some(file) = take_chosen_file(&e) else {
            return;
        };
        if file.size() > backup::MAX_BYTES as f64 {
            let too_large = backup::BackupError::TooLarge {
                bytes: file.size() as usize,
            };
            report.set(Some(Err(messages::backup_error(&too_large))));
            return;
        }
        pending.update(|n| *n += 1);
        spawn_local(async move {
            let outcome = match wasm_bindgen_futures::JsFuture::from(file.text()).await {
                Ok(text) => restore_backup(store, settings, text).await,
                Err(_) => Err("The file could not be read. Nothing was changed.".into()),
            };
            report.try_set(Some(outcome));
            pending.try_update(|n| *n -= 1);
        });
    };
    view! {
        <section class="library-section needs-app" aria-labelledby="transfer-heading" aria-busy=move || (pending.get() > 0).to_string()>
            <h2 id="transfer-heading" class="section-heading">"Back up, export and import"</h2>
            <p class="section-hint">
                "A backup holds everything: the articles you added with their images, your highlights, notes and bookmarks, and your settings. Restore it in any browser; what is already there is kept."
            </p>
            <div class="transfer-actions">
                <button type="button" on:click=back_up>"Back up everything"</button>
                <label class="file-button">
                    "Restore a backup…"
                    <input type="file" id="restore-file" accept=".json,application/json" class="visually-hidden" on:change=restore />
                </label>
            </div>
            <p class="section-hint">"Your highlights, notes and bookmarks alone, to read or to use in other apps."</p>
            <div class="transfer-actions">
                <button type="button" on:click=move |_| export(Export::Markdown)>"Export as Markdown"</button>
                <button type="button" on:click=move |_| export(Export::WebAnnotations)>"Export as JSON (Web Annotation)"</button>
                <label class="file-button">
                    "Import JSON…"
                    <input type="file" id="import-file" accept=".json,.jsonld,application/json,application/ld+json" class="visually-hidden" on:change=import />
                </label>
            </div>
            {move || {
                report.get().map(|r| match r {
                    Ok(summary) => view! {
                        <div class="import-report" role="status">
                            <p>{summary.headline}</p>
                            {(!summary.details.is_empty()).then(|| view! {
                                <details class="import-details">
                                    <summary>{messages::count(summary.details.len(), "detail", "details")}</summary>
                                    <ul>{summary.details.into_iter().map(|d| view! { <li>{d}</li> }).collect_view()}</ul>
                                </details>
                            })}
                        </div>
                    }
                    .into_any(),
                    Err(text) => view! { <p class="import-report error" role="alert">{text}</p> }.into_any(),
                })
            }}
        </section>
    }
}

/// The file chosen in the input an event came from; the input is cleared, so that choosing
/// the same file again is a new choice.
fn take_chosen_file(e: &leptos::ev::Event) -> Option<web_sys::File> {
    let input = e
        .target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())?;
    let file = input.files().and_then(|f| f.get(0))?;
    input.set_value("");
    Some(file)
}

/// Writes the backup file (by the worker) and downloads it as `file`: what it holds, in words,
/// or why there is none.
#[cfg(not(feature = "ssr"))]
async fn make_backup(job: Job, file: &str) -> Result<ImportSummary, String> {
    // The worker reads the reader's articles from their store itself: without them, no
    // backup (one that silently lacked them would mislead the reader who restores it).
    match worker::run_beside(&job, wasm_bindgen::JsValue::UNDEFINED).await {
        Ok((
            Answer::BackedUp {
                articles,
                records,
                unreadable,
            },
            reply,
        )) => {
            let text = reply.get(2);
            download_value(file, "application/json", &text);
            // Its length in UTF-16 units: its bytes, as the file is ASCII but for what the
            // reader wrote (which counts one or more bytes more per character).
            let bytes = text
                .dyn_ref::<js_sys::JsString>()
                .map_or(0, |t| t.length() as usize);
            Ok(ImportSummary {
                headline: messages::backed_up(articles, records, unreadable, bytes),
                details: Vec::new(),
            })
        }
        other => Err(worker::not_done(
            "The backup",
            other.map(|(answer, _)| answer),
        )),
    }
}

/// Prerendering never backs up or restores (no reader clicks there).
#[cfg(feature = "ssr")]
async fn make_backup(_: Job, _: &str) -> Result<ImportSummary, String> {
    Err(String::new())
}

#[cfg(feature = "ssr")]
async fn restore_backup(
    _: crate::store::StoreHandle,
    _: RwSignal<reader_core::settings::Settings>,
    _: wasm_bindgen::JsValue,
) -> Result<ImportSummary, String> {
    Err(String::new())
}

/// Restores the backup file `text`: the worker adds its articles to the store, merges its
/// annotations into the reader's as an import's are, and words the report; the page writes
/// the records merged, reads the articles again and takes the settings. The report in words,
/// or why the file was refused.
#[cfg(not(feature = "ssr"))]
async fn restore_backup(
    store: crate::store::StoreHandle,
    settings: RwSignal<reader_core::settings::Settings>,
    text: wasm_bindgen::JsValue,
) -> Result<ImportSummary, String> {
    let job = Job::Restore {
        here: store.stored_records(),
        articles: article_infos(),
        read_only: store.read_only(),
    };
    let (answer, reply) = worker::run_beside(&job, text)
        .await
        .map_err(|e| worker::not_done("The restore", Err(e)))?;
    if reply.get(3).as_f64().unwrap_or_default() > 0.0 {
        crate::own_sync::changed(None).await;
    }
    if let Some(restored) = reply.get(2).as_string() {
        settings.try_set(reader_core::settings::Settings::parse(&restored));
    }
    store.apply_merged("The restore", answer)
}

/// Storage used against the browser's quota, and data kept aside: how much, download it,
/// discard it after a confirmation.
#[component]
pub fn StorageUse() -> impl IntoView {
    let store = use_store();
    let confirming = RwSignal::new(false);
    let kept = move || store.kept_aside();
    let kept_bytes = move || {
        kept()
            .iter()
            .map(|q| storage_bytes(&q.backup_key, &q.raw))
            .sum::<usize>()
    };
    let download_kept = move |_| {
        let text = Quarantined::file(&kept());
        let file = format!("reader-kept-aside-{}.json", time::day(&clock::now()));
        download(&file, "application/json", &text);
        store.announce("Kept-aside data downloaded".into());
    };
    let discard = move |_| {
        store.discard_kept_aside();
        confirming.set(false);
    };
    view! {
        <section class="library-section needs-app" aria-labelledby="storage-heading">
            <h2 id="storage-heading" class="section-heading">"Storage in this browser"</h2>
            {move || {
                store.used_bytes().map(|used| {
                    view! {
                        <p class="storage-use">
                            <label for="storage-meter">{format!("{} used of about {}", size(used), size(QUOTA))}</label>
                            <meter id="storage-meter" min="0" max=QUOTA.to_string() value=used.to_string()></meter>
                        </p>
                    }
                })
            }}
            {show_if(
                move || !kept().is_empty(),
                move || view! {
                    <p class="kept-aside">
                        {move || {
                            let n = kept().len();
                            format!(
                                "{n} {} that could not be read {} kept aside ({}), so nothing is lost.",
                                if n == 1 { "item" } else { "items" },
                                if n == 1 { "is" } else { "are" },
                                size(kept_bytes())
                            )
                        }}
                    </p>
                    <div class="transfer-actions">
                        <button type="button" on:click=download_kept>"Download kept-aside data"</button>
                        <button type="button" class="danger" aria-expanded=move || confirming.get().to_string() on:click=move |_| confirming.set(true)>
                            "Discard…"
                        </button>
                    </div>
                    {show_if(
                        move || confirming.get(),
                        move || view! {
                            <div class="confirm" role="group" aria-labelledby="discard-question">
                                <p id="discard-question">
                                    {move || format!("Discard the kept-aside data ({}) for good? Download it first if you might need it.", size(kept_bytes()))}
                                </p>
                                <button type="button" class="danger" on:click=discard>"Discard for good"</button>
                                " "
                                <button type="button" on:click=move |_| confirming.set(false)>"Keep it"</button>
                            </div>
                        },
                        ViewFn::default(),
                    )}
                },
                || view! { <p class="section-hint kept-none">"Nothing is kept aside: everything stored could be read."</p> },
            )}
        </section>
    }
}

/// Local storage's quota in the engines we test (5 MiB, counted in UTF-16 bytes as
/// `storage_bytes` counts).
const QUOTA: usize = 5 * 1024 * 1024;

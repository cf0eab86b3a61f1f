//! Export (Markdown, W3C Web Annotation JSON) and import of the reader's annotations, and
//! what the app keeps in this browser: the storage used, and data kept aside because it
//! could not be read (downloaded or discarded by the reader).

use leptos::prelude::*;
use leptos::task::spawn_local;
use reader_core::formats::web_annotation::IMPORT_MAX_BYTES;
use reader_core::jobs::{Answer, Job};
use reader_core::store::{storage_bytes, time, Quarantined};
use wasm_bindgen::JsCast;

use crate::articles::article_infos;
use crate::download::download;
use crate::messages::{self, size, ImportSummary, JobFailure};
use crate::store::{clock, use_store};
use crate::worker;

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
            let failure = match worker::run(&job).await {
                Ok(Answer::File(text)) => {
                    download(&file, mime, &text);
                    store.announcement.set(said.into());
                    None
                }
                Ok(Answer::Failed(reason)) => Some(JobFailure::Failed(reason)),
                Ok(_) => Some(JobFailure::Failed("the worker answered another job".into())),
                Err(_) => Some(JobFailure::NotLoaded),
            };
            if let Some(why) = failure {
                report.set(Some(Err(messages::job_failed("The export", &why))));
            }
            pending.update(|n| *n -= 1);
        });
    };
    let import = move |e: leptos::ev::Event| {
        let Some(input) = e
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        else {
            return;
        };
        let Some(file) = input.files().and_then(|f| f.get(0)) else {
            return;
        };
        input.set_value("");
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
                Some(text) => {
                    let job = Job::ReadImport {
                        text,
                        articles: article_infos(),
                    };
                    match worker::run(&job).await {
                        Ok(read) => store.merge_import(read),
                        Err(_) => Err(messages::job_failed("The import", &JobFailure::NotLoaded)),
                    }
                }
                None => Err("The file could not be read as text. Nothing was changed.".into()),
            };
            report.set(Some(outcome));
            pending.update(|n| *n -= 1);
        });
    };
    view! {
        <section class="library-section needs-app" aria-labelledby="transfer-heading" aria-busy=move || (pending.get() > 0).to_string()>
            <h2 id="transfer-heading" class="section-heading">"Export and import"</h2>
            <p class="section-hint">"Everything you highlighted, noted and bookmarked, as files you keep."</p>
            <div class="transfer-actions">
                <button type="button" on:click=move |_| export(Export::Markdown)>"Export as Markdown"</button>
                <button type="button" on:click=move |_| export(Export::WebAnnotations)>"Export as JSON (Web Annotation)"</button>
                <label class="file-button">
                    "Import JSON…"
                    <input type="file" accept=".json,.jsonld,application/json,application/ld+json" class="visually-hidden" on:change=import />
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
        store.announcement.set("Kept-aside data downloaded".into());
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
            <Show
                when=move || !kept().is_empty()
                fallback=|| view! { <p class="section-hint kept-none">"Nothing is kept aside: everything stored could be read."</p> }
            >
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
                <Show when=move || confirming.get()>
                    <div class="confirm" role="group" aria-labelledby="discard-question">
                        <p id="discard-question">
                            {move || format!("Discard the kept-aside data ({}) for good? Download it first if you might need it.", size(kept_bytes()))}
                        </p>
                        <button type="button" class="danger" on:click=discard>"Discard for good"</button>
                        " "
                        <button type="button" on:click=move |_| confirming.set(false)>"Keep it"</button>
                    </div>
                </Show>
            </Show>
        </section>
    }
}

/// Local storage's quota in the engines we test (5 MiB, counted in UTF-16 bytes as
/// `storage_bytes` counts).
const QUOTA: usize = 5 * 1024 * 1024;

//! Export (Markdown, W3C Web Annotation JSON) and import of the reader's annotations.

use leptos::prelude::*;
use leptos::task::spawn_local;
use reader_core::store::{to_markdown, to_web_annotations, IMPORT_MAX_BYTES};
use wasm_bindgen::JsCast;

use crate::annotations::download::download;
use crate::annotations::{clock, use_annotations};
use crate::articles::article_infos;

#[component]
pub fn Transfer() -> impl IntoView {
    let annotations = use_annotations();
    let report = RwSignal::new(None::<Result<String, String>>);
    let export_markdown = move |_| {
        let text = annotations.with(|s| to_markdown(&article_infos(), s, &clock::now()));
        download("reader-highlights.md", "text/markdown", &text);
        annotations
            .announcement
            .set("Markdown export downloaded".into());
    };
    let export_json = move |_| {
        let text = annotations.with(|s| to_web_annotations(&article_infos(), s));
        download("reader-annotations.json", "application/ld+json", &text);
        annotations
            .announcement
            .set("JSON export downloaded".into());
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
                "“{}” is {:.1} MB; imports are limited to {} MB. Nothing was changed.",
                file.name(),
                file.size() / 1_048_576.0,
                IMPORT_MAX_BYTES / 1_048_576
            ))));
            return;
        }
        spawn_local(async move {
            let text = wasm_bindgen_futures::JsFuture::from(file.text()).await;
            let outcome = match text.ok().and_then(|t| t.as_string()) {
                Some(json) => annotations.import(&json),
                None => Err("The file could not be read as text. Nothing was changed.".into()),
            };
            report.set(Some(outcome));
        });
    };
    view! {
        <section class="library-section needs-app" aria-labelledby="transfer-heading">
            <h2 id="transfer-heading" class="section-heading">"Export and import"</h2>
            <p class="section-hint">"Everything you highlighted, noted and bookmarked, as files you keep."</p>
            <div class="transfer-actions">
                <button type="button" on:click=export_markdown>"Export as Markdown"</button>
                <button type="button" on:click=export_json>"Export as JSON (Web Annotation)"</button>
                <label class="file-button">
                    "Import JSON…"
                    <input type="file" accept=".json,.jsonld,application/json,application/ld+json" class="visually-hidden" on:change=import />
                </label>
            </div>
            {move || {
                report.get().map(|r| match r {
                    Ok(text) => view! { <p class="import-report" role="status">{text}</p> }.into_any(),
                    Err(text) => view! { <p class="import-report error" role="alert">{text}</p> }.into_any(),
                })
            }}
        </section>
    }
}

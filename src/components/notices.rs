//! Storage notices under the banner (data kept aside, storage full or unavailable, data from
//! a newer version), and the polite live region that announces what the reader just did.

use leptos::prelude::*;

use crate::annotations::download::download;
use crate::annotations::use_annotations;

#[component]
pub fn Notices() -> impl IntoView {
    let annotations = use_annotations();
    let notices = annotations.notices;
    view! {
        <div class="visually-hidden" role="status" aria-live="polite">{move || annotations.announcement.get()}</div>
        <Show when=move || !notices.read().is_empty()>
            <div class="notices" role="alert">
                {move || {
                    notices
                        .get()
                        .into_iter()
                        .enumerate()
                        .map(|(i, notice)| {
                            let raw = notice.raw.clone();
                            let file = notice.backup_key.clone().unwrap_or_else(|| "kept-data".into()).replace(':', "-");
                            view! {
                                <div class="notice">
                                    <p>{notice.message.clone()}</p>
                                    {raw.map(|raw| {
                                        let file = format!("{file}.txt");
                                        view! {
                                            <button type="button" on:click=move |_| download(&file, "text/plain", &raw)>
                                                "Download the kept data"
                                            </button>
                                        }
                                    })}
                                    <button type="button" class="link-button" on:click=move |_| notices.update(|n| { n.remove(i); })>
                                        "Dismiss"
                                    </button>
                                </div>
                            }
                        })
                        .collect_view()
                }}
            </div>
        </Show>
    }
}

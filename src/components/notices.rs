//! Storage notices under the banner (data kept aside, storage full or unavailable, data from
//! a newer version), and the polite live region that announces what the reader just did.

use leptos::prelude::*;

use crate::components::show_if;
use crate::download::download;
use crate::store::use_store;

#[component]
pub fn Notices() -> impl IntoView {
    let store = use_store();
    let notices = store.notices;
    view! {
        <div class="visually-hidden" role="status" aria-live="polite">{move || store.announcement.get()}</div>
        {show_if(
            move || !notices.read().is_empty(),
            move || view! {
                <div class="notices" role="alert">
                    <For each=move || notices.get() key=|(id, _)| *id let((id, shown))>
                        <div class="notice">
                            <p>{shown.message()}</p>
                            {shown.kept().map(|(raw, backup_key)| {
                                let file = format!("{}.txt", backup_key.unwrap_or("kept-data").replace(':', "-"));
                                let raw = raw.to_string();
                                view! {
                                    <button type="button" on:click=move |_| download(&file, "text/plain", &raw)>
                                        "Download the kept data"
                                    </button>
                                }
                            })}
                            <button type="button" class="link-button" on:click=move |_| notices.update(|n| n.retain(|(i, _)| *i != id))>
                                "Dismiss"
                            </button>
                        </div>
                    </For>
                </div>
            },
            ViewFn::default(),
        )}
    }
}

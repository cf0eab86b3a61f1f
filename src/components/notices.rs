//! Storage notices under the banner (data kept aside, storage full or unavailable, data from
//! a newer version), and the polite live region that announces what the reader just did.

use leptos::prelude::*;

use crate::components::show_if;
use crate::download::download;
use crate::store::{use_store, Shown};

#[component]
pub fn Notices() -> impl IntoView {
    let store = use_store();
    view! {
        {said_region(store.said)}
        {notice_list(store.notices)}
    }
}

/// A polite live region of two slots, the words in one (see `StoreHandle::announce` for why
/// two): the app's own, and each open dialog's (`Modal`).
pub fn said_region(slots: [RwSignal<String>; 2]) -> impl IntoView {
    view! {
        <div class="visually-hidden" role="status" aria-live="polite">
            <span>{move || slots[0].get()}</span>
            <span>{move || slots[1].get()}</span>
        </div>
    }
}

/// The notices themselves. In the app they are a part of its module of their own (see
/// `parts.rs`), fetched when there is first something to tell: a visit whose storage works
/// does not download them. The live region above stays in the module, so that what the reader
/// does is announced at once. If the part cannot be fetched, the reader is told so instead
/// (and what failed is announced there too), and the next notice fetches it afresh.
fn notice_list(notices: RwSignal<Vec<(u64, Shown)>>) -> impl IntoView {
    #[cfg(feature = "lazy")]
    return crate::parts::on_first_use(
        crate::messages::NOTICES_PART,
        move || notices.with(|n| !n.is_empty()),
        || {},
        move || lazy_notices(notices),
    );
    #[cfg(not(feature = "lazy"))]
    view! { <NoticeList notices=notices /> }
}

#[cfg(feature = "lazy")]
#[leptos::wasm_split::wasm_split(notices, wasm_split_path = ::leptos::wasm_split, fallible)]
fn lazy_notices(
    notices: RwSignal<Vec<(u64, Shown)>>,
) -> Result<AnyView, crate::parts::PartNotLoaded> {
    Ok(view! { <NoticeList notices=notices /> }.into_any())
}

#[component]
fn NoticeList(notices: RwSignal<Vec<(u64, Shown)>>) -> impl IntoView {
    show_if(
        move || !notices.read().is_empty(),
        move || {
            view! {
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
            }
        },
        ViewFn::default(),
    )
}

//! The reading list: saving an article, and offering to continue where the reader left off.

use leptos::prelude::*;
use reader_core::article::Article;
use reader_core::store::{Record, RecordKind, SavedArticle};

use crate::components::show_if;
use crate::hooks::use_document_event;
use crate::jumps;
use crate::store::StoreHandle;
use crate::store::{clock, use_store};

/// A toggle button: save this article to the reading list, or remove it.
#[component]
pub fn ReadingListToggle(slug: &'static str) -> impl IntoView {
    let store = use_store();
    let saved = move || store.with(|s| s.is_saved(slug));
    let toggle = move |_| toggle_saved(store, slug);
    view! {
        <button type="button" class="save-toggle needs-app" aria-pressed=move || saved().to_string() on:click=toggle>
            {move || if saved() { "Saved to reading list" } else { "Save to reading list" }}
        </button>
    }
}

/// Saves the article to the reading list, or removes it.
pub fn toggle_saved(store: StoreHandle, slug: &str) {
    if store.with(|s| s.is_saved(slug)) {
        store.delete(RecordKind::Saved, slug, "Removed from the reading list");
    } else {
        let record = SavedArticle {
            article: slug.to_string(),
            saved_at: clock::now(),
        };
        store.put(Record::Saved(record), "Saved to the reading list");
    }
}

/// When the reader was here before and got past the opening, offers to go back there.
#[component]
pub fn ContinueReading(article: &'static Article) -> impl IntoView {
    let store = use_store();
    // Read once, on arrival: the offer is about the previous visit, not this one.
    let block = store
        .with(|s| s.position(&article.slug).map(|p| p.block))
        .filter(|&b| b > 1);
    // Offered only when the page opens away from that place: a reload, Back or Forward puts
    // the reader where they were on this page (the browser, or `scroll_memory`).
    let shown = RwSignal::new(false);
    let returning = crate::hooks::scroll_memory::remembered().is_some_and(|y| y > 0.0);
    if let Some(b) = block.filter(|_| !returning) {
        crate::dom::after_render(move || {
            let _ = shown.try_set(crate::blocks::first_visible() + 1 < b);
        });
        // Withdrawn once the reader is there, however they got there (the position put back
        // by Back or Forward once the page is drawn, or their own scrolling).
        use_document_event("scroll", move |_| {
            if shown.get_untracked() && crate::blocks::first_visible() + 1 >= b {
                shown.set(false);
            }
        });
    }
    offer(block.unwrap_or(0), article.blocks.len(), shown)
}

/// The offer itself, drawn while `shown`: go on from paragraph `block` + 1 of `total`, or
/// dismiss. In the app it is a part of its module of its own (see `parts.rs`), fetched when
/// there is first a place to offer: a first visit has none and does not download it. If the
/// part cannot be fetched, the reader is told so, and the next offer fetches it afresh.
fn offer(block: usize, total: usize, shown: RwSignal<bool>) -> impl IntoView {
    #[cfg(feature = "lazy")]
    return crate::parts::on_first_use(
        crate::messages::CONTINUE_PART,
        move || shown.get(),
        move || shown.set(false),
        move || lazy_offer(block, total, shown),
    );
    #[cfg(not(feature = "lazy"))]
    view! { <ContinueOffer block=block total=total shown=shown /> }
}

#[cfg(feature = "lazy")]
#[leptos::wasm_split::wasm_split(continuing, wasm_split_path = ::leptos::wasm_split, fallible)]
fn lazy_offer(
    block: usize,
    total: usize,
    shown: RwSignal<bool>,
) -> Result<AnyView, crate::parts::PartNotLoaded> {
    Ok(view! { <ContinueOffer block=block total=total shown=shown /> }.into_any())
}

#[component]
fn ContinueOffer(block: usize, total: usize, shown: RwSignal<bool>) -> impl IntoView {
    let go = move |_| {
        jumps::jump(&jumps::paragraph(block));
        shown.set(false);
    };
    view! {
        {show_if(
            move || shown.get(),
            move || view! {
                <div class="continue">
                    <button type="button" class="continue-button" on:click=go>
                        {format!("Continue where you left off (paragraph {} of {total})", block + 1)}
                    </button>
                    <button type="button" class="link-button" on:click=move |_| shown.set(false)>"Dismiss"</button>
                </div>
            },
            ViewFn::default(),
        )}
    }
}

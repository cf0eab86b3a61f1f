//! The app shell: banner (site navigation, settings, notices), routes, dialogs, and the
//! shortcuts that work on every page. Each page renders its own `<main>`.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::components::{HelpDialog, Notices, SettingsDialog, UndoBar, UndoOffer};
use crate::dom::APP_NAME;
use crate::hooks::use_document_event;
use crate::keymap::{self, Action};
use crate::offline::{provide_offline, OfflineStatus};
use crate::pages::{ArticlePage, LibraryPage, NotFound, SearchRequested};
use crate::reading_settings::{provide_settings, use_settings};
use crate::routes::{Page, LIBRARY};
use crate::store::provide_store;

/// The app at `path` (the address's path when prerendering; the browser's address otherwise).
#[component]
pub fn App(#[prop(optional, into)] path: String) -> impl IntoView {
    crate::router::provide_router(&path);
    provide_store();
    provide_settings();
    provide_offline();
    #[cfg(not(feature = "ssr"))]
    crate::own_sync::listen();
    view! {
        <Shell />
    }
}

#[component]
fn Shell() -> impl IntoView {
    let settings = use_settings();
    let settings_open = RwSignal::new(false);
    let help_open = RwSignal::new(false);
    let search = SearchRequested::provide();
    let undo = UndoOffer::provide();
    let part_failed = crate::parts::failure_notice();
    crate::hooks::scroll_memory::use_scroll_memory();
    use_document_event("keydown", move |event| {
        let Some(event) = event.dyn_ref::<web_sys::KeyboardEvent>() else {
            return;
        };
        match keymap::action(event, &settings.get_untracked()) {
            Some(Action::Help) => help_open.set(true),
            Some(Action::Undo) => {
                event.prevent_default();
                undo.undo();
            }
            Some(Action::NextTheme) => settings.update(|s| s.theme = s.next_theme()),
            Some(Action::Search) => {
                event.prevent_default();
                search.request();
                #[cfg(not(feature = "ssr"))]
                crate::router::navigate(&format!("{}/", crate::routes::router_base()));
            }
            _ => {}
        }
    });
    // Links are relative to the app's root (see routes.rs), so the skip link names this page;
    // rel="external" leaves it to the browser, which moves to #main without routing.
    let address = crate::router::use_address();
    let base = crate::routes::router_base();
    let here = move || address.with(|a| crate::routes::relative(&a.path, &base));
    let on_library = {
        let here = here.clone();
        move || (here() == LIBRARY).then_some("page")
    };
    view! {
        <a class="skip-link" href=move || format!("{}#main", here()) rel="external">"Skip to content"</a>
        <header class="site-header">
            <nav class="site-nav" aria-label="Site">
                <a href=LIBRARY class="brand">{APP_NAME}</a>
                <a href=LIBRARY class="nav-link" aria-current=on_library>"Library"</a>
                <span class="nav-spacer"></span>
                <OfflineStatus />
                <button type="button" class="nav-button needs-app" on:click=move |_| help_open.set(true)>
                    <span aria-hidden="true">"?"</span>
                    <span class="visually-hidden">"Keyboard shortcuts"</span>
                </button>
                <button type="button" class="nav-button needs-app" on:click=move |_| settings_open.set(true)>
                    <span aria-hidden="true">"Aa"</span>
                    <span class="visually-hidden">"Reading settings"</span>
                </button>
            </nav>
            <Notices />
            {undo_bar(undo)}
        </header>
        {
            // Drawn again only when the kind of page changes: one article to another is the
            // article page's own business.
            let page = crate::router::use_page();
            let kind = Memo::new(move |_| match page.get() {
                Page::Article(_) => Page::Own,
                other => other,
            });
            move || match kind.get() {
                Page::Library => view! { <LibraryPage /> }.into_any(),
                Page::NotFound => view! { <NotFound /> }.into_any(),
                _ => view! { <ArticlePage /> }.into_any(),
            }
        }
        {dialogs(settings_open, help_open)}
        {part_failed}
    }
}

/// The reading settings and keyboard shortcuts dialogs. In the app they are a part of its module
/// of their own (see `parts.rs`), fetched when the reader first opens one: a first visit does not
/// download them. If the part cannot be fetched, the reader is told, and opening the dialog
/// again fetches it afresh.
fn dialogs(settings_open: RwSignal<bool>, help_open: RwSignal<bool>) -> impl IntoView {
    #[cfg(feature = "lazy")]
    return crate::parts::on_first_use(
        crate::messages::DIALOGS_PART,
        move || settings_open.get() || help_open.get(),
        move || {
            settings_open.try_set(false);
            help_open.try_set(false);
        },
        move || lazy_dialogs(settings_open, help_open),
    );
    #[cfg(not(feature = "lazy"))]
    view! {
        <SettingsDialog open=settings_open />
        <HelpDialog open=help_open />
    }
}

/// The bar that offers to take a deletion back. In the app it is a part of its module of its
/// own (see `parts.rs`), fetched at the reader's first deletion; Ctrl + Z (⌘ + Z) undoes
/// without it.
fn undo_bar(undo: UndoOffer) -> impl IntoView {
    #[cfg(feature = "lazy")]
    return crate::parts::on_first_use(
        crate::messages::UNDO_PART,
        move || undo.offered(),
        || {},
        lazy_undo_bar,
    );
    #[cfg(not(feature = "lazy"))]
    {
        let _ = undo;
        view! { <UndoBar /> }
    }
}

#[cfg(feature = "lazy")]
#[leptos::wasm_split::wasm_split(undo, wasm_split_path = ::leptos::wasm_split, fallible)]
fn lazy_undo_bar() -> Result<AnyView, crate::parts::PartNotLoaded> {
    Ok(view! { <UndoBar /> }.into_any())
}

#[cfg(feature = "lazy")]
#[leptos::wasm_split::wasm_split(dialogs, wasm_split_path = ::leptos::wasm_split, fallible)]
fn lazy_dialogs(
    settings_open: RwSignal<bool>,
    help_open: RwSignal<bool>,
) -> Result<AnyView, crate::parts::PartNotLoaded> {
    Ok(view! {
        <SettingsDialog open=settings_open />
        <HelpDialog open=help_open />
    }
    .into_any())
}

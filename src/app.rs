//! The app shell: banner (site navigation, settings, notices), routes, dialogs, and the
//! shortcuts that work on every page. Each page renders its own `<main>`.

use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::hooks::{use_location, use_navigate};
use leptos_router::path;
use wasm_bindgen::JsCast;

use crate::components::{HelpDialog, Notices, SettingsDialog, UndoBar, UndoOffer};
use crate::dom::APP_NAME;
use crate::hooks::use_document_event;
use crate::keymap::{self, Action};
use crate::offline::{provide_offline, OfflineStatus};
use crate::pages::{ArticlePage, LibraryPage, NotFound, SearchRequested};
use crate::reading_settings::{provide_settings, use_settings};
use crate::routes::LIBRARY;
use crate::store::provide_store;

#[component]
pub fn App() -> impl IntoView {
    provide_settings();
    provide_store();
    provide_offline();
    #[cfg(not(feature = "ssr"))]
    crate::own_sync::listen();
    view! {
        <Router base=crate::routes::router_base()>
            <Shell />
        </Router>
    }
}

#[component]
fn Shell() -> impl IntoView {
    let settings = use_settings();
    let settings_open = RwSignal::new(false);
    let help_open = RwSignal::new(false);
    let navigate = use_navigate();
    let search = SearchRequested::provide();
    let undo = UndoOffer::provide();
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
                navigate("/", Default::default());
            }
            _ => {}
        }
    });
    // Links are relative to the app's root (see routes.rs), so the skip link names this page;
    // rel="external" leaves it to the browser, which moves to #main without routing.
    let location = use_location();
    let base = crate::routes::router_base();
    let here = move || crate::routes::relative(&location.pathname.get(), &base);
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
            <UndoBar />
        </header>
        <Routes fallback=|| view! { <NotFound /> }>
            <Route path=path!("/") view=LibraryPage />
            <Route path=path!("/articles/:slug/") view=ArticlePage />
            <Route path=path!("/own/") view=ArticlePage />
        </Routes>
        <SettingsDialog open=settings_open />
        <HelpDialog open=help_open />
    }
}

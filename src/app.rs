//! The app shell: banner (site navigation, settings, notices), routes, dialogs, and the
//! shortcuts that work on every page. Each page renders its own `<main>`.

use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes, A};
use leptos_router::hooks::use_navigate;
use leptos_router::path;
use wasm_bindgen::JsCast;

use crate::annotations::context::provide_annotations;
use crate::components::{HelpDialog, Notices, SettingsDialog};
use crate::dom::{on_document, APP_NAME};
use crate::offline::{provide_offline, OfflineStatus};
use crate::pages::{ArticlePage, LibraryPage, NotFound};
use crate::reading_settings::{provide_settings, use_settings};
use crate::shortcuts::shortcut_key;

#[component]
pub fn App() -> impl IntoView {
    provide_settings();
    provide_annotations();
    provide_offline();
    view! {
        <Router>
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
    on_document("keydown", move |event| {
        let Some(event) = event.dyn_ref::<web_sys::KeyboardEvent>() else {
            return;
        };
        let Some(key) = shortcut_key(event, &settings.get_untracked()) else {
            return;
        };
        match key.as_str() {
            "?" => help_open.set(true),
            "t" => settings.update(|s| s.theme = s.next_theme()),
            "/" => {
                event.prevent_default();
                navigate("/", Default::default());
                // Focus once the library has rendered.
                set_timeout(
                    || {
                        if let Some(search) = crate::dom::find("input.search") {
                            let _ = search.focus();
                        }
                    },
                    std::time::Duration::from_millis(50),
                );
            }
            _ => {}
        }
    });
    view! {
        <a class="skip-link" href="#main">"Skip to content"</a>
        <header class="site-header">
            <nav class="site-nav" aria-label="Site">
                <A href="/" attr:class="brand">{APP_NAME}</A>
                <A href="/" attr:class="nav-link">"Library"</A>
                <span class="nav-spacer"></span>
                <button type="button" class="nav-button" on:click=move |_| help_open.set(true)>
                    <span aria-hidden="true">"?"</span>
                    <span class="visually-hidden">"Keyboard shortcuts"</span>
                </button>
                <button type="button" class="nav-button" on:click=move |_| settings_open.set(true)>
                    <span aria-hidden="true">"Aa"</span>
                    <span class="visually-hidden">"Reading settings"</span>
                </button>
            </nav>
            <OfflineStatus />
            <Notices />
        </header>
        <Routes fallback=|| view! { <NotFound /> }>
            <Route path=path!("/") view=LibraryPage />
            <Route path=path!("/articles/:slug") view=ArticlePage />
        </Routes>
        <SettingsDialog open=settings_open />
        <HelpDialog open=help_open />
    }
}

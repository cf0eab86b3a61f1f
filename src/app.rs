//! The app shell: banner, notices, routes, and the not-found fallback.

use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes, A};
use leptos_router::path;

use crate::annotations::context::provide_annotations;
use crate::components::Notices;
use crate::dom::APP_NAME;
use crate::pages::{ArticlePage, LibraryPage, NotFound};

#[component]
pub fn App() -> impl IntoView {
    provide_annotations();
    view! {
        <Router>
            <a class="skip-link" href="#main">"Skip to content"</a>
            <header class="site-header">
                <nav class="site-nav" aria-label="Site">
                    <A href="/" attr:class="brand">{APP_NAME}</A>
                    <A href="/" attr:class="nav-link">"Library"</A>
                </nav>
            </header>
            <Notices />
            <main id="main" tabindex="-1">
                <Routes fallback=|| view! { <NotFound /> }>
                    <Route path=path!("/") view=LibraryPage />
                    <Route path=path!("/articles/:slug") view=ArticlePage />
                </Routes>
            </main>
        </Router>
    }
}

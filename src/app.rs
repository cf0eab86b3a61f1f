//! The app shell: banner, routes, and the not-found fallback.

use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes, A};
use leptos_router::path;

use crate::document::APP_NAME;
use crate::pages::{ArticlePage, LibraryPage, NotFound};

#[component]
pub fn App() -> impl IntoView {
    view! {
        <Router>
            <a class="skip-link" href="#main">"Skip to content"</a>
            <header class="site-header">
                <nav class="site-nav" aria-label="Site">
                    <A href="/" attr:class="brand">{APP_NAME}</A>
                    <A href="/" attr:class="nav-link">"Library"</A>
                </nav>
            </header>
            <main id="main" tabindex="-1">
                <Routes fallback=|| view! { <NotFound /> }>
                    <Route path=path!("/") view=LibraryPage />
                    <Route path=path!("/articles/:slug") view=ArticlePage />
                </Routes>
            </main>
        </Router>
    }
}

//! Shown for an unknown URL or an unknown article slug.

use leptos::prelude::*;

use crate::dom::set_title;

#[component]
pub fn NotFound(
    /// What was asked for, when it is known (an article slug).
    #[prop(optional, into)]
    missing: Option<String>,
) -> impl IntoView {
    set_title("Page not found");
    let detail = match missing {
        Some(slug) => format!("There is no article called “{slug}” in this library. It may have been renamed or removed."),
        None => "This address does not match any page of the reader. Check the link, or start again from the library.".to_string(),
    };
    view! {
        <main id="main" tabindex="-1" class="not-found">
            <h1 class="page-title">"Page not found"</h1>
            <p>{detail}</p>
            <p>
                <a href=crate::routes::LIBRARY class="button-link">"Back to the library"</a>
            </p>
        </main>
    }
}

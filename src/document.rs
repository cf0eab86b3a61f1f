//! Small helpers over the browser document.

/// Sets the tab title: the page's own name, then the app's.
pub fn set_title(page: &str) {
    let title = if page.is_empty() {
        APP_NAME.to_string()
    } else {
        format!("{page} · {APP_NAME}")
    };
    leptos::prelude::document().set_title(&title);
}

pub const APP_NAME: &str = "Reader";

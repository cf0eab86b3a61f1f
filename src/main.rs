//! The reader app: a Leptos single-page app. Pages are in `pages/`, the pieces of an article
//! page in `components/`; the article data comes from the build-time bundle in `articles`.

mod annotations;
mod app;
mod articles;
mod components;
mod dom;
mod offline;
mod pages;
mod reading_settings;
mod shortcuts;

fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(app::App);
}

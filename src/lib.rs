//! The reader app: a Leptos single-page app. Pages are in `pages/`, the pieces of an article
//! page in `components/`; the article data comes from the build-time bundle in `articles`.
//!
//! The same components run twice: in the browser (`csr`, started by `main.rs`), and at build
//! time (`ssr`, `bin/prerender.rs`), where they are rendered to one HTML file per route so that
//! text shows on first paint and reads without JavaScript.

#![recursion_limit = "256"] // the article page's view type is deep

mod app;
mod articles;
mod blocks;
mod components;
mod dom;
mod download;
mod hooks;
mod jumps;
mod keymap;
pub mod messages;
mod offline;
#[cfg(not(feature = "ssr"))]
pub mod own_store;
#[cfg(not(feature = "ssr"))]
mod own_sync;
mod pages;
mod parts;
#[cfg(feature = "ssr")]
pub mod prerender;
mod reading_settings;
mod router;
mod routes;
mod storage;
mod store;
mod worker;

#[cfg(feature = "csr")]
mod start;
#[cfg(feature = "csr")]
pub use start::start;

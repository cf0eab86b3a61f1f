//! Small hooks in the style of leptos-use: one concern per file, and every listener a hook
//! adds is removed when the component that called it is cleaned up.
//!
//! - [`use_document_event`], [`use_window_event`]: a listener on the document, the window.
//! - [`selection`]: the reader's text selection as offsets in the article's text.
//! - [`placement`]: where the article's highlights are now, kept up to date.
//! - [`early_highlights`]: a copy of them for the page to draw on the next visit.
//! - [`reading_position`]: remembering how far the reader got.
//! - [`article_keys`]: the article's keyboard shortcuts.
//! - [`scroll_memory`]: Back and Forward return each page to where the reader left it.

pub mod article_keys;
mod document_event;
#[cfg(not(feature = "ssr"))]
pub mod early_highlights;
pub mod placement;
pub mod reading_position;
pub mod scroll_memory;
pub mod selection;

#[cfg(not(feature = "ssr"))]
pub(crate) use document_event::function;
pub use document_event::{use_document_event, use_window_event};

//! The browser side of highlights, notes and bookmarks. The logic lives in the core
//! (`reader_core::anchoring`, `reader_core::store`); this module connects it to the page:
//!
//! - [`browser_kv`]: `window.localStorage` as the store's key-value backend.
//! - [`context`]: the one `Annotations` handle the components share, and tab sync.
//! - [`selection`]: the reader's text selection as offsets in the article's text.
//! - [`create`]: turning a selection into a stored highlight or bookmark.
//! - [`placement`]: anchoring the stored highlights in the article as it is now.
//! - [`clock`], [`download`]: timestamps and ids; saving files.

pub mod browser_kv;
pub mod clock;
pub mod context;
pub mod create;
pub mod download;
pub mod placement;
pub mod selection;

pub use context::use_annotations;

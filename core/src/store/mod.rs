//! Local-storage schema, migrations, merge, export and import of the reader's highlights,
//! notes, bookmarks, reading list and reading positions. Pure Rust: the app wraps
//! `window.localStorage` in [`KeyValue`] and holds a [`Store`]. `docs/storage.md` describes
//! the stored data and the file formats.
//!
//! - [`kv`]: the key-value backend trait, its errors, and [`MemoryKv`] for tests.
//! - [`records`]: the records ([`Highlight`], [`Bookmark`], [`SavedArticle`], [`ReadingPosition`]).
//! - [`schema`]: keys, the schema version, reading one stored record.
//! - [`stored`]: the version 3 value of a record (compact JSON, [`packed`] 15 bits a character).
//! - [`migrate`]: upgrading data written by older versions.
//! - [`state`]: the records in memory, queries, and the merge rule.
//! - [`handle`]: [`Store`], tying memory and storage together.
//! - [`export`]: Markdown export; [`web_annotation`]: W3C Web Annotation JSON export.
//! - [`import`]: reading Web Annotation JSON back; [`hypothesis`]: reading Hypothesis's.
//! - [`time`]: RFC 3339 timestamps and their one stored form.

pub mod export;
pub mod handle;
pub mod hypothesis;
pub mod import;
pub mod kv;
pub mod migrate;
pub mod packed;
pub mod records;
pub mod schema;
pub mod state;
pub mod stored;
pub mod time;
pub mod web_annotation;

#[cfg(test)]
pub(crate) mod fixtures;

pub use export::{to_markdown, ArticleInfo};
pub use handle::{Clock, Notice, NoticeKind, Quarantined, Store, MAX_HIGHLIGHTS_PER_ARTICLE};
pub use import::{ImportError, ImportReport, Skipped, IMPORT_MAX_BYTES};
pub use kv::{storage_bytes, KeyValue, MemoryKv, StoreError};
pub use records::{Bookmark, Color, Highlight, ReadingPosition, Record, RecordKind, SavedArticle};
pub use schema::SCHEMA_VERSION;
pub use state::{Annotations, MergeOutcome};
pub use web_annotation::to_web_annotations;

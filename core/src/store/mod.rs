//! The reader's highlights, notes, bookmarks, reading list and reading positions in local
//! storage: the schema, its migrations, merging, tab sync and import. Pure Rust: the app
//! wraps `window.localStorage` in [`KeyValue`] and holds a [`Store`]. `docs/storage.md`
//! describes the stored data.
//!
//! Dependencies run one way:
//!
//! - [`records`]: the records and what makes one valid ([`time`]: their timestamps);
//! - [`codec`]: how a record is written as a stored value and read back (versions 1 to 3,
//!   [`codec::packed`]), and why a value cannot be read;
//! - [`keys`]: the key space (prefixes, which key is what, backup keys);
//! - [`state`]: the records in memory, queries, and the merge rule;
//! - [`handle`]: the [`Store`] (open, write, tab sync, import), over [`kv`]'s [`KeyValue`],
//!   telling the reader what happened as [`notice`]s.
//!
//! The file formats (`crate::formats`) sit beside the store and use only the records.

pub mod codec;
pub mod handle;
pub mod keys;
pub mod kv;
pub mod notice;
pub mod records;
pub mod state;
pub mod time;

#[cfg(test)]
pub(crate) mod fixtures;

pub use codec::{Problem, SCHEMA_VERSION};
pub use handle::{Clock, Quarantined, Store, MAX_HIGHLIGHTS_PER_ARTICLE};
pub use kv::{storage_bytes, KeyValue, MemoryKv, StoreError};
pub use notice::{Notice, NoticeKind, Stored};
pub use records::{
    Bookmark, Color, Field, Highlight, Invalid, ReadingPosition, Record, RecordKind, SavedArticle,
    TimeField, MAX_FACT,
};
pub use state::{Annotations, MergeOutcome};

//! Anchoring: describe a passage with W3C selectors, and find it again in (possibly changed) text.
//!
//! Offsets count `char`s. Build one [`TextIndex`] per document text, then
//! [`TextIndex::describe`] a new highlight and [`TextIndex::anchor`] stored ones:
//!
//! - [`hash`]: the text fingerprint recorded with the selectors;
//! - [`text_index`]: char ↔ byte offsets without rescanning the text;
//! - `gram_index`: every exact occurrence of a string without scanning the text;
//! - `text_position`: step 1, the recorded position still holds the words;
//! - `text_quote`: describing a passage, and step 2, exact search with context scoring;
//! - `match_quote`: step 3, bounded approximate search for edited words;
//! - `anchor`: the pipeline of the three steps.

mod anchor;
mod gram_index;
pub mod hash;
mod match_quote;
pub mod text_index;
mod text_position;
mod text_quote;
pub mod types;

pub use hash::text_hash;
pub use text_index::TextIndex;
pub use text_quote::CONTEXT_CHARS;
pub use types::*;

//! The reader's pure core: no browser types, tested natively with `cargo test`.
//!
//! - [`article`]: the article model the app renders (blocks of styled text runs, photo, facts).
//! - [`highlight_layout`]: how highlights cut a paragraph's runs into marked pieces.
//! - [`early`]: a returning reader's highlights as a page can draw them before the app starts.
//! - [`placement`]: where an article's highlights are now, in slices of work.
//! - [`pub_date`]: publication dates, exact or approximate.
//! - [`reading`]: word count, reading time and excerpt.
//! - [`settings`]: the reader's reading settings (size, spacing, width, typeface, theme).
//! - [`anchoring`]: W3C text selectors for a passage, and finding the passage again.
//! - [`store`]: the local-storage schema, its migrations, merging, tab sync and import.
//! - [`formats`]: the files annotations go out and come in as (Markdown, W3C, Hypothesis).
//! - [`backup`]: the "back up everything" file, written and read.
//! - [`jobs`]: exports and reading import files, as the app's worker does them (JSON in, JSON
//!   out).
//! - [`fields`]: JSON objects read field by field (fewer bytes than derived deserializers).
//! - [`sort`]: one sort for all of the app's sorting (one copy in the WebAssembly).
//! - [`uri`]: what scheme a link from untrusted text has, and which links may stay links.
//! - [`pipeline`] (feature `pipeline`, build time only): Markdown files with front matter
//!   turned into validated [`article::Article`]s.

pub mod anchoring;
pub mod article;
pub mod backup;
pub mod early;
pub mod fields;
pub mod formats;
pub mod highlight_layout;
pub mod jobs;
pub mod library;
pub mod placement;
pub mod pub_date;
pub mod reading;
pub mod settings;
pub mod sort;
pub mod store;
pub mod uri;

#[cfg(feature = "pipeline")]
pub mod pipeline;

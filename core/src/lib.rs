//! The reader's pure core: no browser types, tested natively with `cargo test`.
//!
//! - [`article`]: the article model the app renders (blocks of styled text runs, photo, facts).
//! - [`pub_date`]: publication dates, exact or approximate.
//! - [`reading`]: word count, reading time and excerpt.
//! - [`pipeline`] (feature `pipeline`, build time only): Markdown files with front matter
//!   turned into validated [`article::Article`]s.

pub mod article;
pub mod pub_date;
pub mod reading;

#[cfg(feature = "pipeline")]
pub mod pipeline;

//! Selector types of the W3C Web Annotation data model, as stored and exported.
//!
//! Offsets count Unicode scalar values (Rust `char`s) in the article's annotatable text
//! (see `Article::annotatable_text`), as the model requires ("unicode code points").

use serde::{Deserialize, Serialize};

/// `TextQuoteSelector`: the exact words, with some context either side.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TextQuoteSelector {
    pub exact: String,
    #[serde(default)]
    pub prefix: String,
    #[serde(default)]
    pub suffix: String,
}

/// `TextPositionSelector`: `start..end` in characters of the annotatable text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TextPositionSelector {
    pub start: usize,
    pub end: usize,
}

/// Everything recorded to find a passage again.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Selectors {
    pub quote: TextQuoteSelector,
    pub position: TextPositionSelector,
    /// Hash of the annotatable text the selectors were made on ([`super::text_hash`]).
    pub text_hash: String,
}

/// Where a passage was found, in characters, and how.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Anchor {
    pub start: usize,
    pub end: usize,
    pub method: AnchorMethod,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AnchorMethod {
    /// The recorded position still holds the exact quote.
    Position,
    /// The exact quote was found elsewhere (context chose among repeats).
    Quote,
    /// The text changed; a close match of the quote was found.
    Fuzzy,
}

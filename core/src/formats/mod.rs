//! The files the reader's annotations go out and come in as, beside the store and depending
//! only on its records: Markdown ([`markdown`]), W3C Web Annotation JSON ([`web_annotation`])
//! and Hypothesis's API JSON ([`hypothesis`], import only).

pub mod hypothesis;
pub mod markdown;
pub mod web_annotation;

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use crate::store::Annotations;

/// What the exports say about an article; the caller (the app) knows its articles.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArticleInfo {
    pub slug: String,
    pub title: String,
    pub publication: String,
    /// The publication date as shown ("10 November 2017").
    pub date: String,
    /// Absolute link to the article; the Web Annotation `target.source`.
    pub url: String,
    /// Where the story was first published, if known (empty if not): annotations made on
    /// that page with other tools are about this article.
    #[serde(default)]
    pub source: String,
}

/// The articles that have anything to export, in `articles` order, then any others (an
/// article no longer in the library) by slug, with no info.
pub(crate) fn exported_articles<'a>(
    articles: &'a [ArticleInfo],
    state: &Annotations,
) -> Vec<(String, Option<&'a ArticleInfo>)> {
    let mut slugs: BTreeSet<&str> = BTreeSet::new();
    slugs.extend(state.highlights().map(|h| h.article.as_str()));
    slugs.extend(state.bookmarks().map(|b| b.article.as_str()));
    slugs.extend(state.saved().map(|s| s.article.as_str()));
    let mut out = Vec::new();
    for info in articles {
        if slugs.remove(info.slug.as_str()) {
            out.push((info.slug.clone(), Some(info)));
        }
    }
    out.extend(slugs.into_iter().map(|s| (s.to_string(), None)));
    out
}

//! The bundled articles: built from `content/articles` by `build.rs`, embedded in the binary.

use std::sync::OnceLock;

use reader_core::article::Article;
use reader_core::formats::ArticleInfo;

const BUNDLE: &str = include_str!(concat!(env!("OUT_DIR"), "/articles.json"));

/// Every article, newest first.
pub fn all() -> &'static [Article] {
    static ARTICLES: OnceLock<Vec<Article>> = OnceLock::new();
    ARTICLES.get_or_init(|| serde_json::from_str(BUNDLE).expect("build.rs writes a valid bundle"))
}

/// The text highlights anchor in, per article; made once and kept for the app's lifetime.
pub fn annotatable_text(article: &Article) -> &'static str {
    static TEXTS: OnceLock<Vec<String>> = OnceLock::new();
    let texts = TEXTS.get_or_init(|| all().iter().map(Article::annotatable_text).collect());
    let index = all()
        .iter()
        .position(|a| a.slug == article.slug)
        .expect("a bundled article");
    &texts[index]
}

pub fn by_slug(slug: &str) -> Option<&'static Article> {
    all().iter().find(|a| a.slug == slug)
}

/// Article details for exports and imports, with absolute links into this copy of the app.
pub fn article_infos() -> Vec<ArticleInfo> {
    let root = crate::routes::root_url();
    all()
        .iter()
        .map(|a| ArticleInfo {
            slug: a.slug.clone(),
            title: a.title.clone(),
            publication: a.publication.clone(),
            date: a.date.to_string(),
            url: format!("{root}{}", crate::routes::article(a)),
            source: a.source.clone().unwrap_or_default(),
        })
        .collect()
}

//! The bundled articles: built from `content/articles` by `build.rs`, embedded in the binary.

use std::sync::OnceLock;

use reader_core::article::Article;

const BUNDLE: &str = include_str!(concat!(env!("OUT_DIR"), "/articles.json"));

/// Every article, newest first.
pub fn all() -> &'static [Article] {
    static ARTICLES: OnceLock<Vec<Article>> = OnceLock::new();
    ARTICLES.get_or_init(|| serde_json::from_str(BUNDLE).expect("build.rs writes a valid bundle"))
}

pub fn by_slug(slug: &str) -> Option<&'static Article> {
    all().iter().find(|a| a.slug == slug)
}

/// The app-relative URL of an article page.
pub fn href(article: &Article) -> String {
    format!("/articles/{}", article.slug)
}

//! Build-time content pipeline: `content/articles/*.md` → validated [`Article`]s.
//!
//! Each file is TOML front matter between `+++` lines, then a Markdown body. Every problem is
//! reported as an [`ArticleError`] naming the file, the field and the reason, and all problems
//! of all files are reported together so one build shows everything to fix.

mod error;
mod facts;
mod front_matter;
mod markdown;
pub mod own;

use std::collections::HashMap;
use std::path::{Path, PathBuf};

pub use error::ArticleError;

use crate::article::Article;

/// Parses one article file's text. `file` names it in errors; `images_dir` is where its photo
/// must exist.
pub fn parse_article(
    file: &Path,
    source: &str,
    images_dir: &Path,
) -> Result<Article, Vec<ArticleError>> {
    let err = |field: &str, reason: String| ArticleError::new(file, field, reason);
    let (front, body) =
        front_matter::split(source).map_err(|reason| vec![err("front matter", reason)])?;
    let meta = front_matter::parse(front, images_dir).map_err(|errors| {
        errors
            .into_iter()
            .map(|(field, reason)| err(&field, reason))
            .collect::<Vec<_>>()
    })?;
    let mut blocks = markdown::parse_body(body).map_err(|reason| vec![err("body", reason)])?;
    if blocks.is_empty() {
        return Err(vec![err(
            "body",
            "the article has no text after the front matter".into(),
        )]);
    }
    let mut errors = Vec::new();
    for fact in &meta.facts {
        if let Err(reason) = facts::tag_quote(&mut blocks, fact.id, &fact.quote) {
            errors.push(err(&format!("facts[{}].quote", fact.id - 1), reason));
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(Article {
        slug: meta.slug,
        title: meta.title,
        standfirst: meta.standfirst,
        byline: meta.byline,
        publication: meta.publication,
        date: meta.date,
        source: meta.source,
        photo: meta.photo,
        facts: meta.facts,
        blocks,
        lang: None,
        dir: None,
        images: Vec::new(),
    })
}

/// Loads every `*.md` in `articles_dir`, newest first. Fails with every error of every file,
/// including slugs used by more than one file.
pub fn load_library(
    articles_dir: &Path,
    images_dir: &Path,
) -> Result<Vec<Article>, Vec<ArticleError>> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(articles_dir)
        .map_err(|e| {
            vec![ArticleError::new(
                articles_dir,
                "directory",
                format!("cannot be read: {e}"),
            )]
        })?
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|ext| ext == "md"))
        .collect();
    files.sort();
    if files.is_empty() {
        return Err(vec![ArticleError::new(
            articles_dir,
            "directory",
            "holds no .md article".into(),
        )]);
    }

    let mut articles = Vec::new();
    let mut errors = Vec::new();
    let mut slugs: HashMap<String, PathBuf> = HashMap::new();
    for file in &files {
        let parsed = std::fs::read_to_string(file)
            .map_err(|e| {
                vec![ArticleError::new(
                    file,
                    "file",
                    format!("cannot be read as UTF-8 text: {e}"),
                )]
            })
            .and_then(|source| parse_article(file, &source, images_dir));
        match parsed {
            Ok(article) => {
                if let Some(first) = slugs.get(&article.slug) {
                    errors.push(ArticleError::new(
                        file,
                        "slug",
                        format!(
                            "\"{}\" is already used by {}",
                            article.slug,
                            first.display()
                        ),
                    ));
                } else {
                    slugs.insert(article.slug.clone(), file.clone());
                    articles.push(article);
                }
            }
            Err(mut e) => errors.append(&mut e),
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    newest_first(&mut articles);
    Ok(articles)
}

/// Puts articles in library order: newest first, then by title.
pub fn newest_first(articles: &mut [Article]) {
    articles.sort_by(|a, b| {
        b.date
            .sort_key()
            .cmp(&a.date.sort_key())
            .then(a.title.cmp(&b.title))
    });
}

//! Turning a saved web page into an article's parts: title, byline, site, date, language and
//! direction, lead image, and the body's text, with navigation, ads, comments, share buttons
//! and the like left out. The extraction is `dom_smoothie`'s, a maintained Rust port of Mozilla
//! Readability (the extractor of Firefox's Reader View): chosen because it is made for exactly
//! this, builds for wasm32 (the app's worker will run it), and scores as Readability does on
//! Mozilla's own test pages (`score`, `docs/extraction.md`); measured against `rs-trafilatura`
//! 0.2.2, it scores higher (word F1 0.973 against 0.947 on the hand-chosen bodies), runs 3 to
//! 5 times faster and is a third of its size in WebAssembly (README, "Saved pages").
//!
//! Nothing of the page runs: it is parsed as data, and only text comes out.

pub mod article_file;
pub mod ground_truth;
pub mod in_page;
pub mod own;
pub mod score;

mod encoding;
pub use encoding::candidates;
#[cfg(feature = "decode")]
pub use encoding::decode;

use dom_smoothie::{Config, Readability, TextMode};

/// Pages larger than this are refused (50 MiB): a saved page with its images inlined is
/// rarely over a few megabytes.
pub const MAX_PAGE_BYTES: usize = 50 * 1024 * 1024;

/// An image given beside a page larger than this is not kept (20 MiB): a photo straight from
/// a camera fits; the article's every image is kept in the browser's storage.
pub const MAX_IMAGE_BYTES: usize = 20 * 1024 * 1024;

/// Fewer characters of text than this is not an article (Readability's own threshold for a
/// page worth reading, `isProbablyReaderable`'s 140).
pub const MIN_ARTICLE_CHARS: usize = 140;

/// What a page's article is made of.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Extracted {
    pub title: String,
    pub byline: Option<String>,
    pub site_name: Option<String>,
    /// As the page states it (often RFC 3339).
    pub published: Option<String>,
    pub lang: Option<String>,
    pub dir: Option<String>,
    pub excerpt: Option<String>,
    /// The lead image's address, as the page names it.
    pub image: Option<String>,
    /// The body's paragraphs (headings, list items and quotes included), as plain text.
    pub paragraphs: Vec<String>,
}

/// Why a page gave no article.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ExtractError {
    TooLarge {
        bytes: usize,
    },
    /// The address given is not an absolute URL.
    BadAddress(String),
    /// No part of the page reads as an article (the extractor's words).
    NoArticle(String),
}

impl std::fmt::Display for ExtractError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ExtractError::TooLarge { bytes } => write!(
                f,
                "the page is {bytes} bytes; pages are limited to {MAX_PAGE_BYTES} bytes"
            ),
            ExtractError::BadAddress(url) => write!(f, "“{url}” is not an absolute address"),
            ExtractError::NoArticle(why) => write!(f, "no article was found in the page ({why})"),
        }
    }
}

/// Extracts the article of `html`, a page saved from `url` (which resolves its relative
/// links), if known.
pub fn extract(html: &str, url: Option<&str>) -> Result<Extracted, ExtractError> {
    let article = readability(html, url, TextMode::Formatted)?;
    let paragraphs = paragraphs(&article.text_content);
    let length: usize = paragraphs.iter().map(|p| p.chars().count()).sum();
    if length < MIN_ARTICLE_CHARS {
        return Err(ExtractError::NoArticle(format!(
            "its text is {length} characters long, too short for an article"
        )));
    }
    let given = |s: Option<String>| s.map(|s| one_line(&s)).filter(|s| !s.is_empty());
    Ok(Extracted {
        title: one_line(&article.title),
        byline: given(article.byline),
        site_name: given(article.site_name),
        published: given(article.published_time),
        lang: given(article.lang),
        dir: given(article.dir),
        excerpt: given(article.excerpt),
        image: given(article.image),
        paragraphs,
    })
}

/// dom_smoothie's article of `html`, its text in `mode`.
pub(crate) fn readability(
    html: &str,
    url: Option<&str>,
    mode: TextMode,
) -> Result<dom_smoothie::Article, ExtractError> {
    if html.len() > MAX_PAGE_BYTES {
        return Err(ExtractError::TooLarge { bytes: html.len() });
    }
    let config = Config {
        text_mode: mode,
        ..Config::default()
    };
    let mut readability = Readability::new(html, url, Some(config))
        .map_err(|_| ExtractError::BadAddress(url.unwrap_or_default().to_string()))?;
    readability
        .parse()
        .map_err(|e| ExtractError::NoArticle(e.to_string()))
}

/// The paragraphs of formatted text: its non-empty lines, spaces collapsed.
fn paragraphs(text: &str) -> Vec<String> {
    text.lines()
        .map(one_line)
        .filter(|line| !line.is_empty())
        .collect()
}

/// Runs of white space as one space, none at either end.
pub fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = r#"<!doctype html><html lang="en"><head><title>A long story about the river | The Paper</title>
        <meta property="og:site_name" content="The Paper">
        <meta name="author" content="A. Writer">
        <script>document.title = "changed"</script></head>
        <body><nav><a href="/">Home</a> <a href="/news">News</a></nav>
        <article><h1>A long story about the river</h1>
        <p>The first paragraph of the story says what happened, to whom, and where it happened, in enough words to be an article.</p>
        <p>The second paragraph goes on with the details: who said what, and why it matters to the readers of this paper.</p>
        <p onclick="alert(1)">A third paragraph, with a <a href="javascript:alert(1)">link</a>, ends the story as stories end.</p>
        </article><footer>Share this · Subscribe · Comments (3)</footer></body></html>"#;

    #[test]
    fn the_story_comes_out_as_text_without_the_page_around_it() {
        let found = extract(PAGE, Some("https://paper.example/news/a-story")).expect("an article");
        assert_eq!(found.title, "A long story about the river");
        assert_eq!(found.byline.as_deref(), Some("A. Writer"));
        assert_eq!(found.site_name.as_deref(), Some("The Paper"));
        assert_eq!(found.lang.as_deref(), Some("en"));
        let text = found.paragraphs.join("\n");
        assert!(
            text.starts_with("The first paragraph of the story"),
            "{text}"
        );
        assert!(text.contains("with a link, ends the story"), "{text}");
        for clutter in ["Home", "Subscribe", "Comments", "alert", "changed"] {
            assert!(!text.contains(clutter), "{clutter} in {text}");
        }
    }

    #[test]
    fn a_page_without_an_article_or_with_a_bad_address_is_refused_with_the_reason() {
        assert_eq!(
            extract(PAGE, Some("news/a-story")),
            Err(ExtractError::BadAddress("news/a-story".into()))
        );
        let empty = extract("<html><body><nav>Home</nav></body></html>", None);
        assert!(
            matches!(empty, Err(ExtractError::NoArticle(_))),
            "{empty:?}"
        );
        let huge = "x".repeat(MAX_PAGE_BYTES + 1);
        assert_eq!(
            extract(&huge, None),
            Err(ExtractError::TooLarge {
                bytes: MAX_PAGE_BYTES + 1
            })
        );
    }
}

//! A file the reader adds in the app (a saved page, Markdown or plain text) as an article of
//! their own: what the app's worker runs. A saved page is extracted as the command does it
//! ([`crate::article_file`]) and then read as a reader's Markdown
//! ([`reader_core::pipeline::own`]), so both share the extraction; fields the page does not
//! give are left empty rather than refused. The lead image and the body's images are kept
//! when the page holds them (`data:` addresses); nothing is fetched.

use reader_core::article::{Article, Photo};
use reader_core::pipeline::own::{self, OwnError};
use reader_core::pub_date::PubDate;

use crate::{ExtractError, MAX_PAGE_BYTES};

/// What kind of file it is, by its name, or by its first bytes when the name does not say.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Page,
    Markdown,
    Text,
}

/// Why a file gives no article, as data (the app puts it into words).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Refusal {
    TooLarge {
        bytes: usize,
    },
    /// Not text at all (a PDF, an image, an archive).
    NotText,
    /// No words in it.
    Empty,
    /// A page in which no article was found (the extractor's words).
    NoArticle(String),
}

/// The kind of the file `name`, whose content starts with `bytes`.
pub fn kind(name: &str, bytes: &[u8]) -> Kind {
    let lower = name.to_ascii_lowercase();
    let ext = lower.rsplit_once('.').map_or("", |(_, e)| e);
    match ext {
        "html" | "htm" | "xhtml" | "shtml" | "mhtml" => Kind::Page,
        "md" | "markdown" | "mdown" | "mkd" => Kind::Markdown,
        "txt" | "text" => Kind::Text,
        _ => {
            let head =
                String::from_utf8_lossy(&bytes[..bytes.len().min(1024)]).to_ascii_lowercase();
            let head = head.trim_start_matches('\u{feff}').trim_start();
            if head.starts_with("<!doctype html")
                || head.starts_with("<html")
                || head.starts_with("<!--")
                || head.contains("<body")
                || head.starts_with("<p")
                || head.starts_with("<article")
                || head.starts_with("<div")
            {
                Kind::Page
            } else {
                Kind::Text
            }
        }
    }
}

/// A reader's article, and its lead image when the page held it.
#[derive(Clone, Debug, PartialEq)]
pub struct Own {
    /// Its `photo`, when the page has a lead image, has the image's description and caption,
    /// an empty `src` (the app shows the image it keeps, or the words in its place) and no
    /// credit (pages rarely say it in their markup; never guessed).
    pub article: Article,
    pub image: Option<Image>,
    /// The body's images ([`Article::images`], in order): each one's bytes when the file held
    /// it (as a `data:` address), none otherwise.
    pub images: Vec<Option<Image>>,
}

/// An image the saved page held (as a `data:` URL, as SingleFile saves them).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Image {
    pub mime: &'static str,
    pub bytes: Vec<u8>,
}

/// The bytes of the image a file names by its address (`src`), when the reader gave that image
/// beside the file (see [`companion`]); none otherwise.
pub type Beside<'a> = &'a dyn Fn(&str) -> Option<Vec<u8>>;

/// The article of the file `name` with content `bytes`, added on `added`.
#[cfg(feature = "decode")]
pub fn own_article(name: &str, bytes: &[u8], added: PubDate) -> Result<Own, Refusal> {
    own_article_with(name, bytes, added, &|_| None)
}

/// [`own_article`], with the images given beside the file.
#[cfg(feature = "decode")]
pub fn own_article_with(
    name: &str,
    bytes: &[u8],
    added: PubDate,
    beside: Beside,
) -> Result<Own, Refusal> {
    check(bytes)?;
    let (text, _) = crate::decode(bytes);
    article_of(name, kind(name, bytes), &text, added, beside)
}

/// Refuses what cannot be an article whatever its encoding: too large, or not text.
pub fn check(bytes: &[u8]) -> Result<(), Refusal> {
    if bytes.len() > MAX_PAGE_BYTES {
        return Err(Refusal::TooLarge { bytes: bytes.len() });
    }
    if is_binary(bytes) {
        return Err(Refusal::NotText);
    }
    Ok(())
}

/// The article of the file `name` of kind `kind`, decoded to `text` (see
/// [`crate::candidates`]), added on `added`; the images it names that are not in it come from
/// `beside`, when there.
pub fn article_of(
    name: &str,
    kind: Kind,
    text: &str,
    added: PubDate,
    beside: Beside,
) -> Result<Own, Refusal> {
    let empty = |_: OwnError| Refusal::Empty;
    let text_only = |article| Own {
        article,
        image: None,
        images: Vec::new(),
    };
    match kind {
        Kind::Page => page(name, text, added, beside, true),
        Kind::Markdown => own::from_markdown_with_sources(text, name, added)
            .map(|(article, sources)| {
                // Its footnotes' links name blocks by number.
                let mut own = without_empty_figures(
                    Own {
                        article,
                        image: None,
                        images: kept_images(&sources, beside),
                    },
                    true,
                );
                crate::in_page::resolve(&mut own.article, &[]);
                own
            })
            .map_err(empty),
        Kind::Text => own::from_text(text, name, added)
            .map(text_only)
            .map_err(empty),
    }
}

/// The article of the saved page `name`, `text`; with `in_page`, its links within itself
/// pointed at their targets' blocks ([`crate::in_page`]).
pub(crate) fn page(
    name: &str,
    text: &str,
    added: PubDate,
    beside: Beside,
    in_page: bool,
) -> Result<Own, Refusal> {
    let address = saved_from(text);
    let file = crate::article_file::made(text, address.as_deref(), beside, true, in_page).map_err(
        |e| match e {
            ExtractError::TooLarge { bytes } => Refusal::TooLarge { bytes },
            other => Refusal::NoArticle(other.to_string()),
        },
    )?;
    let (mut article, sources) =
        own::from_markdown_with_sources(&file.text, name, added).map_err(|_| Refusal::Empty)?;
    article.photo = file.photo_words.map(|(alt, caption)| Photo {
        src: String::new(),
        alt,
        caption,
        credit: String::new(),
        width: None,
        height: None,
        stand_in: false,
    });
    article.lang = file.lang;
    article.dir = file.dir;
    let image = file.image.and_then(|(_, bytes)| shown(bytes));
    let images = kept_images(&sources, beside);
    let mut own = without_empty_figures(
        Own {
            article,
            image,
            images,
        },
        false,
    );
    crate::in_page::resolve(&mut own.article, &file.in_page);
    // Its text without the markers.
    own.article.slug = own::own_slug(&own.article);
    Ok(own)
}

/// The body's images the file holds (`data:` ones) or the reader gave beside it, in the order
/// of [`Article::images`]; any other is left to its words (nothing is fetched).
fn kept_images(sources: &[String], beside: Beside) -> Vec<Option<Image>> {
    sources
        .iter()
        .map(|src| {
            let src = src.trim();
            let bytes = match crate::article_file::data_image(src) {
                Some((_, bytes)) => bytes,
                None if src.starts_with("data:") => return None,
                None => beside(src)?,
            };
            shown(bytes)
        })
        .collect()
}

/// An image's bytes as kept, when they are an image the app shows: its type is read from the
/// bytes, whatever the address or the file's name claimed.
fn shown(bytes: Vec<u8>) -> Option<Image> {
    let mime = sniffed(&bytes)?;
    Some(Image { mime, bytes })
}

/// The type of a raster image by its first bytes (JPEG, PNG, GIF, WebP, AVIF); none for
/// anything else (HTML, a truncated file, and SVG, which is a document that can hold scripts:
/// shown in an `<img>` they never run, but its object URL opened in a tab of its own would be
/// a page of this site; its words are shown instead).
pub fn sniffed(bytes: &[u8]) -> Option<&'static str> {
    let at = |from: usize, what: &[u8]| bytes.get(from..from + what.len()) == Some(what);
    if at(0, b"\xFF\xD8\xFF") {
        Some("image/jpeg")
    } else if at(0, b"\x89PNG\r\n\x1a\n") {
        Some("image/png")
    } else if at(0, b"GIF87a") || at(0, b"GIF89a") {
        Some("image/gif")
    } else if at(0, b"RIFF") && at(8, b"WEBP") {
        Some("image/webp")
    } else if at(4, b"ftypavif") || at(4, b"ftypavis") {
        Some("image/avif")
    } else {
        None
    }
}

/// Which of the files the reader gave (`paths`: their names, or their paths within a folder
/// given whole, `/`-separated) is the image at `src`, an address in a saved page or a
/// Markdown file ("Page_files/photo.jpg", "./images/a%20b.png"): the one whose path ends with
/// the address's path, the longest such match, else the one named as the address's last part.
/// A saved page's addresses are made absolute from where it was saved
/// (`https://site/news/Page_files/photo.jpg`): an http(s) or `file:` address is matched by its
/// path. Nothing is fetched either way: only the reader's own files are read.
pub fn companion(src: &str, paths: &[String]) -> Option<usize> {
    let src = src.split(['?', '#']).next()?.trim();
    let lower = src.to_ascii_lowercase();
    let src = match ["https://", "http://", "file://"]
        .iter()
        .find(|p| lower.starts_with(*p))
    {
        Some(p) => src[p.len()..].split_once('/')?.1,
        None => src,
    };
    let scheme = src
        .split_once(':')
        .is_some_and(|(s, _)| !s.contains('/') && s.len() > 1);
    if src.is_empty() || scheme || src.starts_with("//") || src.starts_with('\\') {
        return None;
    }
    let decoded = percent_decoded(src);
    let wanted: Vec<&str> = decoded
        .split(['/', '\\'])
        .filter(|s| !s.is_empty() && *s != "." && *s != "..")
        .collect();
    let name = *wanted.last()?;
    let mut best: Option<(usize, usize)> = None;
    for (i, path) in paths.iter().enumerate() {
        let parts: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
        if parts.last() != Some(&name) {
            continue;
        }
        let shared = parts
            .iter()
            .rev()
            .zip(wanted.iter().rev())
            .take_while(|(a, b)| a == b)
            .count();
        if best.is_none_or(|(_, s)| shared > s) {
            best = Some((i, shared));
        }
    }
    best.map(|(i, _)| i)
}

/// `s` with its `%XX` escapes decoded (left as they are where they do not make UTF-8).
pub(crate) fn percent_decoded(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        match (
            bytes[i],
            bytes.get(i + 1).copied().and_then(hex),
            bytes.get(i + 2).copied().and_then(hex),
        ) {
            (b'%', Some(h), Some(l)) => {
                out.push((h * 16 + l) as u8);
                i += 3;
            }
            (b, _, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8(out).unwrap_or_else(|_| s.to_string())
}

/// `own` without the figures that would show nothing: an image not kept, with neither a
/// description nor a caption (a spacer, a tracking pixel, a photo saved without its words).
///
/// With `numbered`, the article's `#p-N` links (its footnotes') still name the same blocks, or
/// the next one if theirs went; without, they are the page's own names, left as they are.
fn without_empty_figures(mut own: Own, numbered: bool) -> Own {
    use reader_core::article::BlockKind;
    let empty = |image: u16| {
        let i = usize::from(image);
        own.images.get(i).is_none_or(Option::is_none)
            && own.article.images.get(i).is_none_or(|im| im.alt.is_empty())
    };
    let gone: Vec<bool> = (0..own.article.images.len())
        .map(|i| {
            let image = i as u16;
            empty(image)
                && own.article.blocks.iter().all(|b| {
                    b.kind != BlockKind::Figure { image }
                        || b.runs
                            .iter()
                            .all(|r| crate::in_page::unmarked(&r.text).trim().is_empty())
                })
        })
        .collect();
    if !gone.contains(&true) {
        return own;
    }
    // The others keep their order, renumbered.
    let mut renumbered = Vec::with_capacity(gone.len());
    let mut next = 0u16;
    for &g in &gone {
        renumbered.push(next);
        next += u16::from(!g);
    }
    let mut number = Vec::with_capacity(own.article.blocks.len());
    let mut kept = 0;
    own.article.blocks.retain_mut(|b| {
        number.push(kept);
        let keep = match b.kind {
            BlockKind::Figure { image } if gone.get(usize::from(image)) == Some(&true) => false,
            BlockKind::Figure { image } => {
                b.kind = BlockKind::Figure {
                    image: renumbered[usize::from(image)],
                };
                true
            }
            _ => true,
        };
        kept += usize::from(keep);
        keep
    });
    if numbered {
        for run in own.article.blocks.iter_mut().flat_map(|b| &mut b.runs) {
            let Some(n) = run.link.as_deref().and_then(|l| l.strip_prefix("#p-")) else {
                continue;
            };
            let now = n.parse().ok().and_then(|n: usize| number.get(n).copied());
            if let Some(now) = now.filter(|&now| now < kept) {
                run.link = Some(format!("#p-{now}"));
            }
        }
    }
    let mut i = 0;
    own.article.images.retain(|_| {
        i += 1;
        !gone[i - 1]
    });
    let mut i = 0;
    own.images.retain(|_| {
        i += 1;
        gone.get(i - 1) != Some(&true)
    });
    own
}

/// Text files have no NUL bytes (UTF-16 files, which do, start with a byte-order mark).
fn is_binary(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(8192)];
    let utf16 = head.starts_with(&[0xFF, 0xFE]) || head.starts_with(&[0xFE, 0xFF]);
    !utf16 && head.contains(&0)
}

/// Where a saved page came from, as the browser or SingleFile noted it when saving
/// (`<!-- saved from url=(0045)https://… -->`, SingleFile's ` url: https://…` comment), or as
/// the page names itself (`<link rel="canonical">`, `og:url`). Only http(s) addresses.
pub fn saved_from(html: &str) -> Option<String> {
    let head = &html[..floor(html, html.len().min(64 * 1024))];
    let web = |s: &str| {
        let s = s.trim().trim_matches(['"', '\'']);
        let ok = (s.starts_with("https://") || s.starts_with("http://"))
            && !s.contains(char::is_whitespace)
            && !s.contains(['<', '>', '"']);
        ok.then(|| s.to_string())
    };
    if let Some(at) = head.find("saved from url=(") {
        let rest = &head[at + "saved from url=(".len()..];
        if let Some(close) = rest.find(')') {
            let url = rest[close + 1..].split(char::is_whitespace).next()?;
            if let Some(url) = web(url.trim_end_matches("-->")) {
                return Some(url);
            }
        }
    }
    if let Some(at) = head.find("Page saved with SingleFile") {
        let comment = &head[at..head[at..].find("-->").map_or(head.len(), |e| at + e)];
        for line in comment.lines() {
            if let Some(url) = line.trim().strip_prefix("url:").and_then(web) {
                return Some(url);
            }
        }
    }
    let lower = head.to_ascii_lowercase();
    for (tag, marker, attr) in [
        ("<link", "canonical", "href="),
        ("<meta", "og:url", "content="),
    ] {
        let mut from = 0;
        while let Some(at) = lower[from..].find(tag) {
            let start = from + at;
            let end = lower[start..].find('>').map_or(lower.len(), |e| start + e);
            let element = &lower[start..end];
            if element.contains(marker) {
                if let Some(value) = element.find(attr).map(|a| start + a + attr.len()) {
                    let raw = &head[value..end];
                    let quote = raw.chars().next().filter(|c| *c == '"' || *c == '\'');
                    let value = match quote {
                        Some(q) => raw[1..].split(q).next().unwrap_or(""),
                        None => raw.split(char::is_whitespace).next().unwrap_or(""),
                    };
                    if let Some(url) = web(value.trim_end_matches('/')).map(|u| {
                        if value.ends_with('/') {
                            format!("{u}/")
                        } else {
                            u
                        }
                    }) {
                        return Some(url);
                    }
                }
            }
            from = end;
        }
    }
    None
}

/// The largest char boundary of `s` at or below `at`.
fn floor(s: &str, mut at: usize) -> usize {
    while !s.is_char_boundary(at) {
        at -= 1;
    }
    at
}

#[cfg(all(test, feature = "decode"))]
mod tests {
    use super::*;

    fn day() -> PubDate {
        PubDate::parse("2026-11-30").unwrap()
    }

    const PAGE: &str = r#"<!DOCTYPE html>
<!-- saved from url=(0036)https://paper.example/news/a-story -->
<html lang="en"><head><title>A long story about the river | The Paper</title>
<meta property="og:site_name" content="The Paper"><meta name="author" content="A. Writer">
<meta property="article:published_time" content="2024-05-06T08:00:00Z">
<script>document.title = "changed"</script></head>
<body><nav><a href="/">Home</a> <a href="/news">News</a></nav>
<article><h1>A long story about the river</h1>
<p>The first paragraph of the story says what happened, to whom, and where it happened, in enough words to be an article.</p>
<p>The second paragraph goes on with the details: who said what, and why it matters to the readers of this paper.</p>
<p onclick="alert(1)">A third paragraph, with a <a href="javascript:alert(1)">link</a> and <a href="/about">another</a>, ends the story.</p>
</article><footer>Share this · Subscribe · Comments (3)</footer></body></html>"#;

    #[test]
    fn a_saved_page_becomes_an_article_with_its_metadata_and_only_safe_links() {
        let own = own_article("A story.html", PAGE.as_bytes(), day()).unwrap();
        assert_eq!((own.article.photo.clone(), own.image.clone()), (None, None));
        let a = own.article;
        assert_eq!(a.title, "A long story about the river");
        assert_eq!(a.byline, "A. Writer");
        assert_eq!(a.publication, "The Paper");
        assert_eq!(a.date, PubDate::parse("2024-05-06").unwrap());
        assert_eq!(
            a.source.as_deref(),
            Some("https://paper.example/news/a-story")
        );
        let text: Vec<String> = a.paragraphs().collect();
        assert_eq!(text.len(), 3, "{text:?}");
        assert!(text[0].starts_with("The first paragraph"));
        assert_eq!(
            text[2],
            "A third paragraph, with a link and another, ends the story."
        );
        let links: Vec<_> = a
            .blocks
            .iter()
            .flat_map(|b| &b.runs)
            .filter_map(|r| r.link.clone())
            .collect();
        assert_eq!(links, vec!["https://paper.example/about".to_string()]);
        assert!(a.slug.starts_with(reader_core::pipeline::own::OWN_PREFIX));
    }

    #[test]
    fn a_lead_image_the_page_holds_comes_with_its_words_and_one_on_the_web_leaves_only_them() {
        let png = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==";
        let page = PAGE.replace(
            "<article><h1>A long story about the river</h1>",
            &format!("<article><h1>A long story about the river</h1><figure><img src=\"data:image/png;base64,{png}\" alt=\"The river at dawn\"><figcaption>The river, seen from the bridge.</figcaption></figure>"),
        ).replace("<meta name=\"author\"", &format!("<meta property=\"og:image\" content=\"data:image/png;base64,{png}\"><meta name=\"author\""));
        let own = own_article("a.html", page.as_bytes(), day()).unwrap();
        let photo = own.article.photo.clone().expect("a photo");
        assert_eq!(
            (
                photo.src.as_str(),
                photo.alt.as_str(),
                photo.caption.as_str(),
                photo.credit.as_str()
            ),
            (
                "",
                "The river at dawn",
                "The river, seen from the bridge.",
                ""
            )
        );
        let image = own.image.expect("the image");
        assert_eq!(image.mime, "image/png");
        assert!(image.bytes.starts_with(b"\x89PNG"));
        // The caption is the photo's, not a paragraph of the body, and its figure left the
        // body (it is the photo).
        assert!(own
            .article
            .paragraphs()
            .all(|p| !p.contains("seen from the bridge")));
        assert_eq!((own.article.images.len(), own.images.len()), (0, 0));
        assert!(!own.article.plain_text().contains("seen from the bridge"));

        let remote = PAGE.replace("<meta name=\"author\"", "<meta property=\"og:image\" content=\"https://paper.example/river.jpg\"><meta name=\"author\"");
        let own = own_article("a.html", remote.as_bytes(), day()).unwrap();
        assert_eq!(own.image, None);
        let photo = own.article.photo.expect("the image's words");
        assert_eq!(
            (photo.src.as_str(), photo.alt.as_str()),
            ("", "A long story about the river")
        );
    }

    #[test]
    fn the_bodys_images_are_figures_kept_when_the_page_holds_them_and_words_otherwise() {
        let png = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==";
        let page = PAGE
            .replace(
                "<p>The second paragraph",
                &format!("<figure><img src=\"data:image/png;base64,{png}\" alt=\"The bridge\"><figcaption>The bridge, <em>before</em> the flood.</figcaption></figure>\
                 <p><img src=\"https://paper.example/spacer.gif\" alt=\"\"></p>\
                 <p><a href=\"https://paper.example/big.jpg\"><img src=\"https://paper.example/map.jpg\" alt=\"A map of the river\" srcset=\"https://evil.example/x.jpg 2x\"></a></p><p>The second paragraph"),
            );
        let own = own_article("a.html", page.as_bytes(), day()).unwrap();
        let figures: Vec<(usize, u16, String)> = own
            .article
            .blocks
            .iter()
            .enumerate()
            .filter_map(|(i, b)| match b.kind {
                reader_core::article::BlockKind::Figure { image } => {
                    Some((i, image, b.plain_text()))
                }
                _ => None,
            })
            .collect();
        assert_eq!(
            figures,
            vec![
                (1, 0, "The bridge, before the flood.".to_string()),
                (2, 1, String::new())
            ]
        );
        let alts: Vec<&str> = own.article.images.iter().map(|i| i.alt.as_str()).collect();
        assert_eq!(alts, vec!["The bridge", "A map of the river"]);
        // The one the page held is kept; the one on the web is not fetched, only named.
        assert_eq!(own.images.len(), 2);
        let kept = own.images[0].as_ref().expect("the bridge");
        assert_eq!(kept.mime, "image/png");
        assert!(kept.bytes.starts_with(b"\x89PNG"));
        assert_eq!(own.images[1], None);

        // An SVG, which can hold scripts, is not kept: its words are.
        let svg = page.replace(
            &format!("data:image/png;base64,{png}"),
            "data:image/svg+xml;base64,PHN2ZyB4bWxucz0iaHR0cDovL3d3dy53My5vcmcvMjAwMC9zdmciPjxzY3JpcHQ+YWxlcnQoMSk8L3NjcmlwdD48L3N2Zz4=",
        );
        let own = own_article("a.html", svg.as_bytes(), day()).unwrap();
        assert_eq!(
            (own.article.images.len(), own.images),
            (2, vec![None, None])
        );
        // No address is in what the app keeps.
        let json = format!("{:?}", own.article);
        assert!(
            !json.contains("data:") && !json.contains("map.jpg") && !json.contains("evil"),
            "{json}"
        );
        // The prose is as it was: the captions are the figures', not paragraphs.
        assert_eq!(own.article.paragraphs().count(), 3);
    }

    #[test]
    fn figures_one_after_another_are_each_a_figure_with_its_own_caption() {
        let png = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==";
        let figure = |alt: &str, caption: &str| {
            format!("<figure><img src=\"data:image/png;base64,{png}\" alt=\"{alt}\"><figcaption>{caption}</figcaption></figure>")
        };
        let page = PAGE.replace(
            "<p>The second paragraph",
            &format!(
                "{}{}\n{}<p>The second paragraph",
                figure("The bridge", "The bridge before."),
                figure("The flood", "The flood, <em>after</em>."),
                figure("The quay", "The quay.")
            ),
        );
        let own = own_article("a.html", page.as_bytes(), day()).unwrap();
        let figures: Vec<(u16, String)> = own
            .article
            .blocks
            .iter()
            .filter_map(|b| match b.kind {
                reader_core::article::BlockKind::Figure { image } => Some((image, b.plain_text())),
                _ => None,
            })
            .collect();
        let alts: Vec<&str> = own.article.images.iter().map(|i| i.alt.as_str()).collect();
        assert_eq!(
            (figures, alts),
            (
                vec![
                    (0, "The bridge before.".to_string()),
                    (1, "The flood, after.".to_string()),
                    (2, "The quay.".to_string()),
                ],
                vec!["The bridge", "The flood", "The quay"]
            )
        );
        assert_eq!(own.images.iter().flatten().count(), 3);
        assert_eq!(own.article.paragraphs().count(), 3);
    }

    /// A 1×1 PNG's bytes.
    fn png_bytes() -> Vec<u8> {
        let png = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==";
        crate::article_file::data_image(&format!("data:image/png;base64,{png}"))
            .unwrap()
            .1
    }

    #[test]
    fn a_page_saved_complete_takes_its_images_from_the_files_given_beside_it() {
        // As a browser saves "Web page, complete": the images in a folder beside the page.
        let page = PAGE
            .replace("<meta name=\"author\"", "<meta property=\"og:image\" content=\"./A%20story_files/lead.jpg\"><meta name=\"author\"")
            .replace(
                "<h1>A long story about the river</h1>",
                "<h1>A long story about the river</h1><figure><img src=\"./A%20story_files/lead.jpg\" alt=\"The river\"><figcaption>The river at dawn.</figcaption></figure>",
            )
            .replace(
                "<p>The second paragraph",
                "<figure><img src=\"./A%20story_files/bridge.png\" alt=\"The bridge\"><figcaption>The bridge.</figcaption></figure>\
                 <p>Then the river rose, and the bridge was closed to traffic for three days.</p>\
                 <figure><img src=\"A%20story_files/fake.png\" alt=\"Not an image\"><figcaption>A page named as an image.</figcaption></figure>\
                 <p>The water fell again on the fourth day, and the bridge was opened at noon.</p>\
                 <figure><img src=\"https://cdn.example/map.jpg\" alt=\"On the web\"><figcaption>Elsewhere.</figcaption></figure>\
                 <p>The second paragraph",
            );
        let jpeg = [&b"\xFF\xD8\xFF\xE0"[..], b"a jpeg"].concat();
        let given = vec![
            "A story_files/lead.jpg".to_string(),
            "A story_files/bridge.png".to_string(),
            "A story_files/fake.png".to_string(),
        ];
        let bytes = [jpeg.clone(), png_bytes(), b"<svg onload=alert(1)>".to_vec()];
        let asked = std::cell::RefCell::new(Vec::new());
        let beside = |src: &str| {
            asked.borrow_mut().push(src.to_string());
            companion(src, &given).map(|i| bytes[i].clone())
        };
        let own = own_article_with("A story.html", page.as_bytes(), day(), &beside).unwrap();
        let lead = own.image.expect("the lead image, from beside the page");
        assert_eq!((lead.mime, lead.bytes), ("image/jpeg", jpeg));
        // The lead image's figure left the body, its address made absolute there.
        let alts: Vec<&str> = own.article.images.iter().map(|i| i.alt.as_str()).collect();
        assert_eq!(alts, vec!["The bridge", "Not an image", "On the web"]);
        let kept: Vec<Option<&str>> = own
            .images
            .iter()
            .map(|i| i.as_ref().map(|i| i.mime))
            .collect();
        // A file named as an image that is not one is not kept, nor one not given.
        assert_eq!(kept, vec![Some("image/png"), None, None]);
        // The page's addresses are made absolute from where it was saved: matched by path.
        assert!(
            asked
                .borrow()
                .iter()
                .any(|a| a == "https://paper.example/news/A%20story_files/bridge.png"),
            "{asked:?}"
        );
        // Nothing given beside it: the words alone, as before.
        let alone = own_article("A story.html", page.as_bytes(), day()).unwrap();
        assert_eq!((alone.image, alone.images), (None, vec![None, None, None]));
    }

    #[test]
    fn a_markdown_file_takes_its_images_from_the_files_given_beside_it() {
        let md = "# Notes from the river\n\n![The bridge](images/bridge.png)\nThe bridge at noon.\n\nThe water was high that week, and the bridge was closed to traffic for three days.\n";
        let given = vec!["notes/images/bridge.png".to_string()];
        let beside = |src: &str| companion(src, &given).map(|_| png_bytes());
        let own = own_article_with("notes.md", md.as_bytes(), day(), &beside).unwrap();
        assert_eq!(own.images.len(), 1);
        assert_eq!(own.images[0].as_ref().map(|i| i.mime), Some("image/png"));
    }

    #[test]
    fn an_address_is_matched_to_the_file_given_with_the_same_path_or_name() {
        let given: Vec<String> = [
            "photo.jpg",
            "Page_files/photo.jpg",
            "Other_files/photo.jpg",
            "Page_files/a b.png",
            "diagram.PNG",
        ]
        .map(String::from)
        .to_vec();
        let at = |src: &str| companion(src, &given);
        assert_eq!(at("Page_files/photo.jpg"), Some(1));
        assert_eq!(at("./Other_files/photo.jpg?x=1#top"), Some(2));
        assert_eq!(at("photo.jpg"), Some(0));
        assert_eq!(at("elsewhere/photo.jpg"), Some(0));
        assert_eq!(at("Page_files/a%20b.png"), Some(3));
        assert_eq!(at("../Page_files/a b.png"), Some(3));
        // Names are matched exactly, as file systems that tell case apart would.
        assert_eq!(at("diagram.png"), None);
        // A saved page's addresses, made absolute from where it was saved, by their path.
        assert_eq!(
            at("https://paper.example/news/Page_files/photo.jpg"),
            Some(1)
        );
        assert_eq!(at("file:///C:/Users/a/Page_files/a%20b.png"), Some(3));
        for web in [
            "https://paper.example/other.jpg",
            "https://paper.example/",
            "//paper.example/photo.jpg",
            "data:image/jpeg;base64,AAAA",
            "blob:https://paper.example/photo.jpg",
            "javascript:photo.jpg",
            "",
            "Page_files/",
        ] {
            assert_eq!(at(web), None, "{web}");
        }
    }

    #[test]
    fn an_image_s_type_is_read_from_its_bytes() {
        assert_eq!(sniffed(&png_bytes()), Some("image/png"));
        assert_eq!(sniffed(b"\xFF\xD8\xFF\xDB..."), Some("image/jpeg"));
        assert_eq!(sniffed(b"GIF89a..."), Some("image/gif"));
        assert_eq!(sniffed(b"RIFF\x10\0\0\0WEBPVP8 "), Some("image/webp"));
        assert_eq!(sniffed(b"\0\0\0\x1cftypavif"), Some("image/avif"));
        for not in [
            &b"<svg xmlns='http://www.w3.org/2000/svg'>"[..],
            b"<html>",
            b"\x89PN",
            b"",
        ] {
            assert_eq!(sniffed(not), None);
        }
    }

    #[test]
    fn a_right_to_left_page_says_so() {
        let page = PAGE.replace("<html lang=\"en\">", "<html lang=\"he\" dir=\"rtl\">");
        let a = own_article("a.html", page.as_bytes(), day())
            .unwrap()
            .article;
        assert_eq!(
            (a.lang.as_deref(), a.dir.as_deref()),
            (Some("he"), Some("rtl"))
        );
        let a = own_article("a.html", PAGE.as_bytes(), day())
            .unwrap()
            .article;
        assert_eq!((a.lang.as_deref(), a.dir.as_deref()), (Some("en"), None));
    }

    #[test]
    fn files_are_told_apart_by_name_then_content() {
        assert_eq!(kind("a.HTM", b"x"), Kind::Page);
        assert_eq!(kind("a.md", b"<html>"), Kind::Markdown);
        assert_eq!(kind("notes.txt", b"<html>"), Kind::Text);
        assert_eq!(kind("pasted", b"  <!DOCTYPE html><html>"), Kind::Page);
        assert_eq!(kind("pasted", b"Dear diary"), Kind::Text);
    }

    #[test]
    fn what_is_not_an_article_is_refused_with_the_reason() {
        assert_eq!(
            own_article("a.pdf", b"%PDF-1.7\n\0\0binary", day()),
            Err(Refusal::NotText)
        );
        assert_eq!(own_article("a.txt", b" \n\n ", day()), Err(Refusal::Empty));
        let none = own_article(
            "a.html",
            b"<html><body><nav>Home</nav></body></html>",
            day(),
        );
        assert!(matches!(none, Err(Refusal::NoArticle(_))), "{none:?}");
        let huge = vec![b'a'; MAX_PAGE_BYTES + 1];
        assert_eq!(
            own_article("a.txt", &huge, day()),
            Err(Refusal::TooLarge {
                bytes: MAX_PAGE_BYTES + 1
            })
        );
    }

    #[test]
    fn where_a_page_was_saved_from_is_read_from_the_save_or_the_page() {
        let single = "<!DOCTYPE html> <html><!--\n Page saved with SingleFile \n url: https://a.example/x \n saved date: Mon -->";
        assert_eq!(saved_from(single).as_deref(), Some("https://a.example/x"));
        let canonical = r#"<head><link href="https://b.example/y/" rel="canonical"></head>"#;
        assert_eq!(
            saved_from(canonical).as_deref(),
            Some("https://b.example/y/")
        );
        let og = r#"<meta property="og:url" content='https://c.example/z'>"#;
        assert_eq!(saved_from(og).as_deref(), Some("https://c.example/z"));
        let bad = r#"<link rel="canonical" href="javascript:alert(1)">"#;
        assert_eq!(saved_from(bad), None);
    }
}

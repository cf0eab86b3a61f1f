//! A saved page as a bundled article file (`content/articles/<slug>.md`): front matter from the
//! page's metadata, the body as Markdown in the subset the build accepts, and the lead image
//! when the saved page holds it (a `data:` image, as SingleFile saves them, or a file saved
//! beside the page). Nothing is fetched: an image on the web is named for the author to save.

use dom_smoothie::TextMode;

use crate::{one_line, ExtractError};

/// An article file, and what it could not fill in.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ArticleFile {
    pub slug: String,
    /// The whole file: front matter and body.
    pub text: String,
    /// The lead image to save into `content/images/` (file name, bytes), if the page held it.
    pub image: Option<(String, Vec<u8>)>,
    /// Required fields the page did not give (left out of the front matter, for the author).
    pub missing: Vec<&'static str>,
    /// The lead image's address when it is on the web (not fetched).
    pub image_elsewhere: Option<String>,
    /// The lead image's description and caption, wherever it is (the app shows them in place of
    /// an image the page did not hold).
    pub photo_words: Option<(String, String)>,
    /// The page's language (a BCP 47 tag) and `rtl` if it is written right to left, as the
    /// page states them (the app shows the text so; the build's files do not carry them).
    pub lang: Option<String>,
    pub dir: Option<String>,
    /// The names the page's links within itself name, by the number of the marker `text` holds
    /// at the start of each (see [`crate::in_page`]); none unless the body's images are kept
    /// (the app's article).
    pub in_page: Vec<String>,
}

/// Makes the article file of `html`, saved from `address` (if known). `beside` reads a file
/// saved next to the page (its path relative to the page), for "Web page, complete" saves.
pub fn article_file(
    html: &str,
    address: Option<&str>,
    beside: &dyn Fn(&str) -> Option<Vec<u8>>,
) -> Result<ArticleFile, ExtractError> {
    made(html, address, beside, false, false)
}

/// [`article_file`] with the body's images kept in its Markdown (`![alt](src)`, a caption
/// after it in the same paragraph), as a reader's article shows them; the lead image's figure
/// still leaves the body (it is the photo). The targets of the page's links within itself are
/// marked in its text ([`ArticleFile::in_page`]): [`crate::in_page::resolve`] takes the
/// markers out of the article made from it.
pub fn article_file_with_images(
    html: &str,
    address: Option<&str>,
    beside: &dyn Fn(&str) -> Option<Vec<u8>>,
) -> Result<ArticleFile, ExtractError> {
    made(html, address, beside, true, true)
}

/// The article file; with `keep_images`, its images kept in the body; with `in_page`, the
/// targets of its links within itself marked.
pub(crate) fn made(
    html: &str,
    address: Option<&str>,
    beside: &dyn Fn(&str) -> Option<Vec<u8>>,
    keep_images: bool,
    in_page: bool,
) -> Result<ArticleFile, ExtractError> {
    let article = crate::readability(html, address, TextMode::Markdown)?;
    // Only what is shown is marked: what is measured stays the extractor's.
    let (shown_markdown, in_page) = markdown_of(&article.content, &article.text_content, in_page);
    let markdown = match in_page.is_empty() {
        true => shown_markdown.clone(),
        false => crate::in_page::unmarked(&shown_markdown).into_owned(),
    };
    let title = without_site(&one_line(&article.title), article.site_name.as_deref());
    let slug = slugify(&title);
    let given = |s: Option<String>| s.map(|s| one_line(&s)).filter(|s| !s.is_empty());

    // The lead image, if the saved page holds it: the photo, its figure gone from the body.
    let (mut image, mut image_elsewhere, mut photo) = (None, None, String::new());
    let mut caption_shown = None;
    let mut photo_words = None;
    if let Some(src) = given(article.image.clone()) {
        let (alt, caption) = image_words(&article.content, &src);
        let caption = caption.or(alt.clone()).unwrap_or_else(|| title.clone());
        photo_words = Some((
            alt.clone().unwrap_or_else(|| title.clone()),
            caption.clone(),
        ));
        match lead_image(&src, beside) {
            Some((ext, bytes)) => {
                let file = format!("{slug}.{ext}");
                photo = format!(
                    "\n[photo]\nfile = {}\nalt = {}\ncaption = {}\n",
                    toml_string(&file),
                    toml_string(alt.as_deref().unwrap_or(&title)),
                    toml_string(&caption),
                );
                caption_shown = Some(caption);
                image = Some((file, bytes));
            }
            None => image_elsewhere = Some(src),
        }
    }
    let body = body_markdown(&markdown, &title);
    let body = match &caption_shown {
        Some(caption) => without_paragraph(&body, caption),
        None => body,
    };
    // What is shown, images and all, when they are kept; what is measured is the prose.
    let shown = match (keep_images, &photo_words) {
        (false, _) => body.clone(),
        (true, lead) => {
            let with_images = markdown_with_images(&shown_markdown, &title);
            match (lead, article.image.as_deref()) {
                (Some(_), Some(src)) => without_image_of(&with_images, src.trim()),
                _ => with_images,
            }
        }
    };
    if body.trim().chars().count() < crate::MIN_ARTICLE_CHARS {
        return Err(ExtractError::NoArticle(
            "its text is too short for an article".into(),
        ));
    }
    let publication = given(article.site_name).or_else(|| address.and_then(host));
    let date = given(article.published_time)
        .and_then(|t| t.get(..10).map(str::to_string))
        .filter(|d| is_date(d));
    let source = address
        .filter(|a| a.starts_with("https://") || a.starts_with("http://"))
        .map(str::to_string);
    // Readability's excerpt is the page's description, or else its first paragraph: only the
    // first is a standfirst.
    let first_words: Vec<String> = crate::score::words(&body).into_iter().take(12).collect();
    let standfirst = given(article.excerpt).filter(|e| {
        let words: Vec<String> = crate::score::words(e).into_iter().take(12).collect();
        words != first_words
    });

    let mut front = String::from("+++\n");
    let mut missing = Vec::new();
    let mut field = |name: &'static str, value: Option<&str>, required: bool| match value {
        Some(v) if !v.is_empty() => front.push_str(&format!("{name} = {}\n", toml_string(v))),
        _ if required => missing.push(name),
        _ => {}
    };
    field("slug", Some(&slug), true);
    field("title", Some(&title), true);
    field("standfirst", standfirst.as_deref(), false);
    field("byline", given(article.byline).as_deref(), true);
    field("publication", publication.as_deref(), true);
    field("date", date.as_deref(), true);
    field("source", source.as_deref(), false);
    if !photo.is_empty() {
        front.push_str(&photo);
        // Who took it is rarely in the page's markup; never guessed.
        missing.push("photo.credit");
    }
    front.push_str("+++\n");
    Ok(ArticleFile {
        slug,
        text: format!("{front}{shown}"),
        image,
        missing,
        image_elsewhere,
        photo_words,
        lang: article.lang.as_deref().and_then(language_tag),
        dir: article
            .dir
            .as_deref()
            .map(|d| d.trim().to_ascii_lowercase())
            .filter(|d| d == "rtl"),
        in_page,
    })
}

/// The article's Markdown (`extracted`, as the extractor wrote it from `content`, its HTML),
/// with figures beside figures each a paragraph of its own: dom_query writes a `<figure>`
/// inline, so figures one after another share a line, and only the first would stay a figure,
/// all their captions joined in its caption. Such a figure is written again as a `<div>`: its
/// image followed by its caption, on a line of its own. A figure alone stays as it is (in a
/// list item, a block would change how the item is written), and an article without figures
/// side by side, most of them, is not parsed again (that doubled the time of a 5 MB page).
///
/// With `in_page`, the elements the article's links within itself name are marked
/// ([`crate::in_page::mark`]; parsed again only when it has such a link); their names, by
/// marker.
fn markdown_of(content: &str, extracted: &str, in_page: bool) -> (String, Vec<String>) {
    let side_by_side = content.match_indices("</figure>").any(|(at, end)| {
        content[at + end.len()..]
            .trim_start()
            .starts_with("<figure")
    });
    let linked = in_page && content.contains("href=\"#");
    if !side_by_side && !linked {
        return (extracted.to_string(), Vec::new());
    }
    let doc = dom_query::Document::from(content);
    let beside = |n: Option<dom_query::NodeRef>| n.is_some_and(|n| n.has_name("figure"));
    if side_by_side {
        for figure in doc.select("figure").nodes() {
            if beside(figure.prev_element_sibling()) || beside(figure.next_element_sibling()) {
                figure.rename("div");
            }
        }
    }
    let names = match linked {
        true => crate::in_page::mark(&doc),
        false => Vec::new(),
    };
    if !side_by_side && names.is_empty() {
        return (extracted.to_string(), names);
    }
    let markdown = doc
        .select("body")
        .nodes()
        .first()
        .map(|body| body.md(None).to_string())
        .unwrap_or_default();
    (markdown, names)
}

/// The body in the build's Markdown: no images (the lead image is the photo), no level-1
/// heading (the title is the page's only one; a first heading that repeats it goes), no nested
/// lists (the build accepts one level).
pub fn body_markdown(markdown: &str, title: &str) -> String {
    tidied(markdown, title, false)
}

/// [`body_markdown`] with its images.
fn markdown_with_images(markdown: &str, title: &str) -> String {
    tidied(markdown, title, true)
}

fn tidied(markdown: &str, title: &str, keep_images: bool) -> String {
    let mut out = Vec::new();
    let mut in_code = false;
    for line in markdown.lines() {
        let trimmed = line.trim_start();
        if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            in_code = !in_code;
            out.push(line.to_string());
            continue;
        }
        if in_code {
            out.push(line.to_string());
            continue;
        }
        let mut line = if keep_images {
            with_leading_image_only(line)
        } else {
            without_images(line)
        };
        let heading = line.trim_start_matches('#');
        let level = line.len() - heading.len();
        if level > 0 && heading.starts_with(' ') {
            let heading_text = crate::in_page::unmarked(heading);
            if out.iter().all(|l: &String| l.trim().is_empty()) && one_line(&heading_text) == title
            {
                continue;
            }
            line = format!("{} {}", "#".repeat(level.clamp(2, 6)), heading.trim());
        } else if line.starts_with([' ', '\t']) && is_list_item(line.trim_start()) {
            line = line.trim_start().to_string();
        }
        out.push(line);
    }
    let text = out.join("\n");
    // Blank runs left where images were: one blank line at most.
    let mut tidy = String::new();
    for part in text.split("\n\n").filter(|p| !p.trim().is_empty()) {
        tidy.push_str(part.trim_matches('\n'));
        tidy.push_str("\n\n");
    }
    tidy.trim_end().to_string() + "\n"
}

/// `tag` if it is a well-formed language tag (`en`, `pt-BR`, `zh-Hant-TW`).
fn language_tag(tag: &str) -> Option<String> {
    let tag = tag.trim();
    let mut parts = tag.split(['-', '_']);
    let first = parts.next()?;
    let well_formed = (2..=8).contains(&first.len())
        && first.bytes().all(|b| b.is_ascii_alphabetic())
        && parts
            .all(|p| (1..=8).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphanumeric()));
    well_formed.then(|| tag.replace('_', "-"))
}

/// A title without the site's name after a separator ("A story | The Paper"): Readability keeps
/// it when what is left is four words or fewer, but the site is shown apart.
pub fn without_site(title: &str, site: Option<&str>) -> String {
    let Some(site) = site.map(one_line).filter(|s| !s.is_empty()) else {
        return title.to_string();
    };
    for separator in [" | ", " - ", " – ", " — ", " · ", " :: ", " » "] {
        if let Some(rest) = title.strip_suffix(&format!("{separator}{site}")) {
            if !rest.trim().is_empty() {
                return rest.trim().to_string();
            }
        }
    }
    title.to_string()
}

/// `markdown` without the paragraphs that show the image at `src` (its figure, caption and all).
fn without_image_of(markdown: &str, src: &str) -> String {
    let shows = format!("]({src})");
    // A relative address (a page saved complete: "./Page_files/a.jpg") is made absolute in the
    // body from where the page was saved ("https://site/news/Page_files/a.jpg").
    let mut relative = src;
    while let Some(rest) = relative
        .strip_prefix("./")
        .or_else(|| relative.strip_prefix("../"))
    {
        relative = rest;
    }
    let made_absolute = (!src.contains(':') && !src.starts_with('/') && !relative.is_empty())
        .then(|| format!("/{relative})"));
    let parts: Vec<&str> = markdown
        .trim_end()
        .split("\n\n")
        .filter(|p| {
            !p.contains(&shows)
                && !made_absolute
                    .as_ref()
                    .is_some_and(|m| p.starts_with("![") && p.contains(m.as_str()))
        })
        .collect();
    parts.join("\n\n") + "\n"
}

/// `markdown` without its first paragraph that reads `text`.
fn without_paragraph(markdown: &str, text: &str) -> String {
    let mut parts: Vec<&str> = markdown.trim_end().split("\n\n").collect();
    if let Some(at) = parts.iter().position(|p| one_line(p) == one_line(text)) {
        parts.remove(at);
    }
    parts.join("\n\n") + "\n"
}

fn is_list_item(line: &str) -> bool {
    line.starts_with("- ")
        || line.starts_with("* ")
        || line.starts_with("+ ")
        || line
            .split_once(". ")
            .is_some_and(|(n, _)| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()))
}

/// `line` without Markdown images (`![alt](src)`, and a link that only wrapped one).
fn without_images(line: &str) -> String {
    let mut out = String::new();
    let mut rest = line;
    while let Some(at) = rest.find("![") {
        let Some(end) = image_end(&rest[at..]) else {
            break;
        };
        let before = &rest[..at];
        let after = &rest[at + end..];
        // `[![alt](src)](link)`: the link goes with its image.
        if let (Some(open), Some(close)) = (before.strip_suffix('['), after.strip_prefix("](")) {
            if let Some(link_end) = close.find(')') {
                out.push_str(open);
                rest = &close[link_end + 1..];
                continue;
            }
        }
        out.push_str(before);
        rest = after;
    }
    out.push_str(rest);
    out
}

/// `line` with only the image that opens it (a figure; linked or not), the text's other images
/// (icons, pixels, images amid words) left out as [`without_images`] leaves them.
fn with_leading_image_only(line: &str) -> String {
    // An image is still the line's first thing after the markers of its figure's names: they
    // go after it (into its caption).
    let (markers, text) = crate::in_page::leading(line.trim_start());
    let linked = text
        .strip_prefix('[')
        .filter(|t| t.starts_with("!["))
        .and_then(|t| {
            let image = image_end(t)?;
            let link = t[image..].strip_prefix("](")?;
            Some(1 + image + 2 + link.find(')')? + 1)
        });
    let lead = linked.or_else(|| text.starts_with("![").then(|| image_end(text)).flatten());
    match lead {
        Some(end) => format!("{}{markers}{}", &text[..end], without_images(&text[end..])),
        None => without_images(line),
    }
}

/// The length of the image at the start of `s` (`![...](...)`), if it is one.
fn image_end(s: &str) -> Option<usize> {
    let alt_end = s.find("](")?;
    let src = &s[alt_end + 2..];
    let mut depth = 0;
    for (i, c) in src.char_indices() {
        match c {
            '(' => depth += 1,
            ')' if depth == 0 => return Some(alt_end + 2 + i + 1),
            ')' => depth -= 1,
            _ => {}
        }
    }
    None
}

/// A slug the build accepts: lower-case ASCII letters and digits joined by hyphens.
pub fn slugify(title: &str) -> String {
    let mut slug = String::new();
    for c in title.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_alphanumeric() {
            slug.push(c);
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
        if slug.len() >= 60 {
            break;
        }
    }
    let slug = slug.trim_end_matches('-').to_string();
    if slug.is_empty() {
        "article".into()
    } else {
        slug
    }
}

fn is_date(d: &str) -> bool {
    let b = d.as_bytes();
    b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && d.chars()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
}

fn host(address: &str) -> Option<String> {
    let rest = address.split_once("://")?.1;
    let host = rest.split(['/', '?', '#']).next()?;
    let host = host.rsplit('@').next()?.split(':').next()?;
    let host = host.strip_prefix("www.").unwrap_or(host);
    (!host.is_empty()).then(|| host.to_string())
}

/// A TOML basic string.
pub fn toml_string(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The type and bytes of an image given as a `data:` address (none fetched).
pub(crate) fn data_image(src: &str) -> Option<(&'static str, Vec<u8>)> {
    if !src.starts_with("data:") {
        return None;
    }
    let (ext, bytes) = lead_image(src, &|_| None)?;
    Some((image_type(&format!(".{ext}"))?, bytes))
}

/// The lead image's extension and bytes: from a `data:` address, or a file beside the page.
fn lead_image(src: &str, beside: &dyn Fn(&str) -> Option<Vec<u8>>) -> Option<(String, Vec<u8>)> {
    if let Some(data) = src.strip_prefix("data:") {
        let (head, payload) = data.split_once(',')?;
        let mime = head.split(';').next()?;
        let ext = image_extension(mime)?;
        if !head.ends_with(";base64") {
            return None;
        }
        return Some((ext.into(), base64(payload)?));
    }
    if src.contains("://") || src.starts_with("//") {
        return None;
    }
    let ext = src
        .split(['?', '#'])
        .next()?
        .rsplit_once('.')?
        .1
        .to_ascii_lowercase();
    let ext = match ext.as_str() {
        "jpeg" => "jpg",
        e @ ("jpg" | "png" | "gif" | "webp" | "svg" | "avif") => e,
        _ => return None,
    };
    Some((ext.into(), beside(src)?))
}

/// The image types a lead image may have: type and file extension.
const IMAGE_TYPES: [(&str, &str); 6] = [
    ("image/jpeg", "jpg"),
    ("image/png", "png"),
    ("image/gif", "gif"),
    ("image/webp", "webp"),
    ("image/svg+xml", "svg"),
    ("image/avif", "avif"),
];

fn image_extension(mime: &str) -> Option<&'static str> {
    let mime = if mime == "image/jpg" {
        "image/jpeg"
    } else {
        mime
    };
    IMAGE_TYPES
        .iter()
        .find(|(m, _)| *m == mime)
        .map(|(_, e)| *e)
}

/// The type of an image file named with one of [`IMAGE_TYPES`]' extensions.
pub(crate) fn image_type(file: &str) -> Option<&'static str> {
    let ext = file.rsplit_once('.')?.1;
    IMAGE_TYPES.iter().find(|(_, e)| *e == ext).map(|(m, _)| *m)
}

fn base64(text: &str) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(text.len() * 3 / 4);
    let (mut acc, mut bits) = (0u32, 0u32);
    for c in text.bytes() {
        let v = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' | b'-' => 62,
            b'/' | b'_' => 63,
            b'=' | b' ' | b'\n' | b'\r' | b'\t' => continue,
            _ => return None,
        };
        acc = (acc << 6) | v as u32;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
        }
    }
    Some(out)
}

/// The alt text and the caption of the image `src` in the article's HTML, if it is there.
fn image_words(content: &str, src: &str) -> (Option<String>, Option<String>) {
    let doc = dom_query::Document::from(content);
    for img in doc.select("img").iter() {
        if img.attr("src").as_deref() != Some(src) {
            continue;
        }
        let alt = img
            .attr("alt")
            .map(|a| one_line(&a))
            .filter(|a| !a.is_empty());
        let caption = img
            .ancestors(None)
            .filter("figure")
            .select("figcaption")
            .text()
            .to_string();
        let caption = Some(one_line(&caption)).filter(|c| !c.is_empty());
        return (alt, caption);
    }
    (None, None)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_well_formed_language_tags_are_kept() {
        assert_eq!(language_tag(" he ").as_deref(), Some("he"));
        assert_eq!(language_tag("pt_BR").as_deref(), Some("pt-BR"));
        assert_eq!(language_tag("en\" onload=\"x"), None);
        assert_eq!(language_tag(""), None);
    }

    #[test]
    fn the_sites_name_after_the_title_goes() {
        let site = Some("River News");
        assert_eq!(
            without_site("A night crossing | River News", site),
            "A night crossing"
        );
        assert_eq!(
            without_site("A night crossing — River News", site),
            "A night crossing"
        );
        assert_eq!(without_site("River News", site), "River News");
        assert_eq!(without_site("Floods | Weather", site), "Floods | Weather");
        assert_eq!(without_site("A | River News", None), "A | River News");
    }

    #[test]
    fn the_body_keeps_to_the_markdown_the_build_accepts() {
        let md = "# The title\n\nFirst ![a cat](cat.jpg) words.\n\n[![logo](l.png)](https://x.example/)\n\n# A part\n\n- one\n  - nested\n\n```\n  - code stays\n# not a heading\n```\n";
        assert_eq!(
            body_markdown(md, "The title"),
            "First  words.\n\n## A part\n\n- one\n- nested\n\n```\n  - code stays\n# not a heading\n```\n"
        );
    }

    #[test]
    fn slugs_strings_and_dates_are_made_as_the_build_reads_them() {
        assert_eq!(
            slugify("North Korean defectors — arrested in China!"),
            "north-korean-defectors-arrested-in-china"
        );
        assert_eq!(slugify("日本語"), "article");
        assert_eq!(
            toml_string("A \"quote\" \\ and\ttab"),
            "\"A \\\"quote\\\" \\\\ and\\u0009tab\""
        );
        assert!(is_date("2017-11-10") && !is_date("2017-11-1T") && !is_date("10 Nov 2017"));
        assert_eq!(
            host("https://www.paper.example:443/news/a"),
            Some("paper.example".into())
        );
        assert_eq!(base64("aGk/Pw=="), Some(b"hi??".to_vec()));
        assert_eq!(base64("a!"), None);
    }

    #[test]
    fn a_saved_page_becomes_an_article_file_the_build_accepts() {
        let png = "iVBORw0KGgo=";
        let page = format!(
            r#"<html lang="en"><head><title>A long story about the river | The Paper</title>
            <meta property="og:site_name" content="The Paper"><meta name="author" content="A. Writer">
            <meta property="article:published_time" content="2026-11-30T10:00:00Z">
            <meta property="og:image" content="data:image/png;base64,{png}"></head><body>
            <article><h1>A long story about the river</h1>
            <figure><img src="data:image/png;base64,{png}" alt="The river at dawn"><figcaption>The river, as it was.</figcaption></figure>
            <p>The first paragraph of the story says what happened, to whom, and where it happened, in enough words.</p>
            <h2>What came next</h2>
            <p>The second paragraph goes on with the details: who said what, and <a href="https://x.example/">why</a> it matters.</p>
            </article></body></html>"#
        );
        let file =
            article_file(&page, Some("https://paper.example/a"), &|_| None).expect("an article");
        assert_eq!(file.missing, vec!["photo.credit"]);
        assert!(
            !file.text.contains("standfirst"),
            "the first paragraph is not repeated: {}",
            file.text
        );
        let text = file
            .text
            .replace("caption = ", "credit = \"Someone\"\ncaption = ");
        assert_eq!(
            file.image,
            Some((
                "a-long-story-about-the-river.png".into(),
                vec![0x89, b'P', b'N', b'G', 13, 10, 26, 10]
            ))
        );
        let images =
            std::env::temp_dir().join(format!("reader-import-images-{}", std::process::id()));
        std::fs::create_dir_all(&images).unwrap();
        std::fs::write(images.join("a-long-story-about-the-river.png"), [0u8; 8]).unwrap();
        let article =
            reader_core::pipeline::parse_article(std::path::Path::new("x.md"), &text, &images)
                .unwrap_or_else(|e| panic!("{e:?}\n{text}"));
        assert_eq!(article.title, "A long story about the river");
        assert_eq!(
            (article.byline.as_str(), article.publication.as_str()),
            ("A. Writer", "The Paper")
        );
        assert_eq!(article.source.as_deref(), Some("https://paper.example/a"));
        let photo = article.photo.expect("the lead image");
        assert_eq!(
            (photo.alt.as_str(), photo.caption.as_str()),
            ("The river at dawn", "The river, as it was.")
        );
        assert!(file.text.contains("\n## What came next\n"), "{}", file.text);
        assert!(
            file.text.contains("[why](https://x.example/)"),
            "{}",
            file.text
        );
    }

    #[test]
    fn only_an_image_that_opens_a_line_is_kept_for_the_app() {
        assert_eq!(
            with_leading_image_only("![A](a.png)Its caption ![icon](i.png) here"),
            "![A](a.png)Its caption  here"
        );
        assert_eq!(
            with_leading_image_only("[![A](a.png)](big.png) and ![B](b.png)"),
            "[![A](a.png)](big.png) and "
        );
        assert_eq!(
            with_leading_image_only("Words ![B](b.png) amid"),
            "Words  amid"
        );
    }
}

//! Front matter: TOML between two `+++` lines, checked field by field.

use std::path::Path;

use serde::Deserialize;

use crate::article::{Fact, Photo};
use crate::pub_date::PubDate;

/// Where bundled images are served from, relative to the site root.
pub const IMAGES_URL_DIR: &str = "images";

/// Validated front matter.
pub struct Meta {
    pub slug: String,
    pub title: String,
    pub standfirst: Option<String>,
    pub byline: String,
    pub publication: String,
    pub date: PubDate,
    pub source: Option<String>,
    pub photo: Option<Photo>,
    pub facts: Vec<Fact>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawMeta {
    slug: Option<String>,
    title: Option<String>,
    standfirst: Option<String>,
    byline: Option<String>,
    publication: Option<String>,
    date: Option<String>,
    source: Option<String>,
    photo: Option<RawPhoto>,
    #[serde(default)]
    facts: Vec<RawFact>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPhoto {
    file: Option<String>,
    alt: Option<String>,
    caption: Option<String>,
    credit: Option<String>,
    width: Option<u32>,
    height: Option<u32>,
    #[serde(default)]
    stand_in: bool,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFact {
    topic: Option<String>,
    text: Option<String>,
    quote: Option<String>,
}

/// Splits `+++\n<toml>\n+++\n<markdown>` into its two parts.
pub fn split(source: &str) -> Result<(&str, &str), String> {
    let source = source.strip_prefix('\u{feff}').unwrap_or(source);
    let rest = source
        .strip_prefix("+++\n")
        .or_else(|| source.strip_prefix("+++\r\n"))
        .ok_or("the file must start with a line `+++` opening the TOML front matter")?;
    let mut offset = 0;
    for line in rest.split_inclusive('\n') {
        if line.trim_end() == "+++" {
            return Ok((&rest[..offset], &rest[offset + line.len()..]));
        }
        offset += line.len();
    }
    Err("no closing `+++` line ends the front matter".into())
}

type FieldErrors = Vec<(String, String)>;

/// Parses and validates the front matter; every bad field is reported, not just the first.
pub fn parse(toml_text: &str, images_dir: &Path) -> Result<Meta, FieldErrors> {
    let raw: RawMeta = toml::from_str(toml_text).map_err(|e| {
        vec![(
            "front matter".to_string(),
            format!("is not valid TOML: {}", e.to_string().trim()),
        )]
    })?;
    let mut errors: FieldErrors = Vec::new();

    let slug = required(&mut errors, "slug", raw.slug);
    if let Some(s) = &slug {
        if !s
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
            || s.starts_with('-')
            || s.ends_with('-')
        {
            errors.push((
                "slug".into(),
                format!("\"{s}\" may only hold lowercase letters, digits and inner hyphens"),
            ));
        } else if s.starts_with(crate::library::OWN_PREFIX) {
            errors.push((
                "slug".into(),
                format!(
                    "\"{s}\" starts with \"{}\", which names the reader's own articles",
                    crate::library::OWN_PREFIX
                ),
            ));
        }
    }
    let title = required(&mut errors, "title", raw.title);
    let byline = required(&mut errors, "byline", raw.byline);
    let publication = required(&mut errors, "publication", raw.publication);
    let date = required(&mut errors, "date", raw.date).and_then(|d| match PubDate::parse(&d) {
        Ok(date) => Some(date),
        Err(reason) => {
            errors.push(("date".into(), reason));
            None
        }
    });
    let standfirst = raw
        .standfirst
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty());
    let source = raw.source.map(|s| s.trim().to_string()).and_then(|s| {
        if crate::uri::is_web_address(&s) {
            return Some(s);
        }
        errors.push((
            "source".into(),
            format!("\"{s}\" is not a web address: write the story's original http(s) URL"),
        ));
        None
    });
    let photo = raw.photo.and_then(|p| photo(&mut errors, p, images_dir));

    let mut facts = Vec::new();
    if raw.facts.len() > MAX_FACTS {
        errors.push((
            "facts".into(),
            format!(
                "there are {} facts; an article may have at most {MAX_FACTS}",
                raw.facts.len()
            ),
        ));
    }
    for (i, f) in raw.facts.into_iter().enumerate() {
        let Ok(id) = u16::try_from(i + 1) else { break };
        let text = required(&mut errors, &format!("facts[{i}].text"), f.text);
        let quote = required(&mut errors, &format!("facts[{i}].quote"), f.quote);
        if let (Some(text), Some(quote)) = (text, quote) {
            facts.push(Fact {
                id,
                topic: f
                    .topic
                    .map(|t| t.trim().to_string())
                    .filter(|t| !t.is_empty()),
                text,
                quote,
            });
        }
    }

    match (slug, title, byline, publication, date) {
        (Some(slug), Some(title), Some(byline), Some(publication), Some(date))
            if errors.is_empty() =>
        {
            Ok(Meta {
                slug,
                title,
                standfirst,
                byline,
                publication,
                date,
                source,
                photo,
                facts,
            })
        }
        _ => Err(errors),
    }
}

/// Facts are numbered from 1 in a `u16`.
const MAX_FACTS: usize = u16::MAX as usize;

fn required(errors: &mut FieldErrors, field: &str, value: Option<String>) -> Option<String> {
    match value.map(|v| v.trim().to_string()) {
        Some(v) if !v.is_empty() => Some(v),
        Some(_) => {
            errors.push((field.into(), "is empty".into()));
            None
        }
        None => {
            errors.push((field.into(), "is missing".into()));
            None
        }
    }
}

fn photo(errors: &mut FieldErrors, raw: RawPhoto, images_dir: &Path) -> Option<Photo> {
    let file = required(errors, "photo.file", raw.file);
    let alt = required(errors, "photo.alt", raw.alt);
    let caption = required(errors, "photo.caption", raw.caption);
    let credit = required(errors, "photo.credit", raw.credit);
    let file = file.and_then(|f| {
        // A bare file name: no URL (nothing is hot-linked) and no path that leaves the folder.
        if f.contains('/') || f.contains('\\') || f.contains(':') || f.starts_with('.') {
            errors.push((
                "photo.file".into(),
                format!(
                    "\"{f}\" must be a file name inside {}, not a path or URL",
                    images_dir.display()
                ),
            ));
            None
        } else if !images_dir.join(&f).is_file() {
            errors.push((
                "photo.file".into(),
                format!("{} does not exist", images_dir.join(&f).display()),
            ));
            None
        } else {
            Some(f)
        }
    });
    if raw.width.is_some() != raw.height.is_some() || raw.width == Some(0) || raw.height == Some(0)
    {
        errors.push((
            "photo.width".into(),
            "width and height go together and must be above zero".into(),
        ));
    }
    Some(Photo {
        src: format!("{IMAGES_URL_DIR}/{}", file?),
        alt: alt?,
        caption: caption?,
        credit: credit?,
        width: raw.width,
        height: raw.height,
        stand_in: raw.stand_in,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_front_matter_from_body() {
        let (front, body) = split("+++\ntitle = \"x\"\n+++\nHello\n").unwrap();
        assert_eq!(front, "title = \"x\"\n");
        assert_eq!(body, "Hello\n");
        assert!(split("title = 1\n").is_err());
        assert!(split("+++\ntitle = 1\n").is_err());
    }
}

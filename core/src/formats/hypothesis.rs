//! Import of Hypothesis annotations: the JSON its API returns for a search
//! (`{"total": N, "rows": [...]}`), a list of rows, or one row.
//!
//! A row is about the page at `uri` (or `target[0].source`). When that page is the original
//! of one of the library's articles (its front matter's `source`, compared the way Hypothesis
//! compares addresses: scheme, host case, default port, trailing slash, fragment and tracking
//! parameters do not matter), the row becomes a highlight of that article: its
//! `TextQuoteSelector` (the words, with their context) is kept, and the app finds the words in
//! the article's text as it finds any moved passage; the note is the row's `text`, with its
//! tags. The row's position is in the original page's text, not the article's, so it is not
//! used. The id is the annotation's Hypothesis address, so importing the same file twice adds
//! nothing.
//!
//! Every other row is skipped with its reason, naming the page: replies and page notes (this
//! app keeps notes on passages), and annotations of pages the library does not have.

use serde_json::{Map, Value};

use super::web_annotation::import::{Imported, Page, Parsed, Skip, Skipped};
use super::ArticleInfo;
use crate::anchoring::{Selectors, TextPositionSelector, TextQuoteSelector};
use crate::store::{time, Color, Highlight, Record};

/// The rows of `value` if it is Hypothesis's format: a search response, a list of rows, or a
/// single row (rows have a `uri` and a `target` list, and no Web Annotation `type`).
pub fn rows(value: &Value) -> Option<Vec<&Value>> {
    let is_row = |v: &Value| {
        v.get("uri").is_some_and(Value::is_string)
            && v.get("target").is_some_and(Value::is_array)
            && v.get("type").is_none()
    };
    match value {
        Value::Object(map) if map.get("rows").is_some_and(Value::is_array) => {
            Some(map["rows"].as_array()?.iter().collect())
        }
        Value::Array(items) if !items.is_empty() && items.iter().all(is_row) => {
            Some(items.iter().collect())
        }
        v if is_row(v) => Some(vec![v]),
        _ => None,
    }
}

/// Reads Hypothesis rows into highlights of the articles whose original they annotate.
pub fn parse(rows: Vec<&Value>, articles: &[ArticleInfo]) -> Parsed {
    let mut parsed = Parsed::default();
    for (i, row) in rows.into_iter().enumerate() {
        let item = i + 1;
        let id = row.get("id").and_then(Value::as_str).map(str::to_string);
        match read_row(row, articles) {
            Ok(record) => parsed.records.push(Imported {
                item,
                id: id.unwrap_or_default(),
                record,
            }),
            Err(reason) => parsed.skipped.push(Skipped { item, id, reason }),
        }
    }
    parsed
}

fn read_row(row: &Value, articles: &[ArticleInfo]) -> Result<Record, Skip> {
    let Value::Object(map) = row else {
        return Err(Skip::NotAnAnnotation);
    };
    let id = map
        .get("id")
        .and_then(Value::as_str)
        .filter(|id| !id.is_empty())
        .ok_or(Skip::NoId)?;
    let uri = map.get("uri").and_then(Value::as_str).unwrap_or_default();
    let page = page(map, uri);
    if map
        .get("references")
        .and_then(Value::as_array)
        .is_some_and(|r| !r.is_empty())
    {
        return Err(Skip::Reply(page));
    }
    let target = map
        .get("target")
        .and_then(Value::as_array)
        .and_then(|t| t.first())
        .and_then(Value::as_object);
    let quote = target
        .and_then(|t| t.get("selector"))
        .and_then(Value::as_array)
        .and_then(|selectors| {
            selectors
                .iter()
                .find(|s| s.get("type").and_then(Value::as_str) == Some("TextQuoteSelector"))
        });
    let Some(quote) = quote else {
        return Err(Skip::PageNote(page));
    };
    let source = target
        .and_then(|t| t.get("source"))
        .and_then(Value::as_str)
        .unwrap_or(uri);
    let wanted = [normalize(uri), normalize(source)];
    let Some(article) = articles
        .iter()
        .find(|a| !a.source.is_empty() && wanted.contains(&normalize(&a.source)))
    else {
        return Err(Skip::OtherPage(page));
    };
    let text = |field: &str| quote.get(field).and_then(Value::as_str).unwrap_or_default();
    let exact = text("exact");
    if exact.is_empty() {
        return Err(Skip::EmptyQuote(page));
    }
    let created = timestamp(map, "created")?;
    let modified = match map.get("updated") {
        Some(_) => timestamp(map, "updated")?,
        None => created.clone(),
    };
    let mut note = map
        .get("text")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .trim()
        .to_string();
    let tags: Vec<&str> = map
        .get("tags")
        .and_then(Value::as_array)
        .map(|t| t.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    if !tags.is_empty() {
        if !note.is_empty() {
            note.push_str("\n\n");
        }
        note.push_str(&format!("Tags: {}", tags.join(", ")));
    }
    let address = map
        .get("links")
        .and_then(|l| l.get("html"))
        .and_then(Value::as_str)
        .filter(|l| crate::uri::scheme(l).is_some())
        .map_or_else(|| format!("https://hypothes.is/a/{id}"), str::to_string);
    let record = Record::Highlight(Highlight {
        id: address,
        article: article.slug.clone(),
        selectors: Selectors {
            quote: TextQuoteSelector {
                exact: exact.to_string(),
                prefix: text("prefix").to_string(),
                suffix: text("suffix").to_string(),
            },
            // Where the words were in the original page says nothing about the article's
            // text: the quote and its context find them.
            position: TextPositionSelector { start: 0, end: 0 },
            text_hash: String::new(),
        },
        color: Color::default(),
        note,
        fact: None,
        created,
        modified,
    });
    record.validate().map_err(Skip::Invalid)?;
    Ok(record)
}

/// The page a row is about: its address and title.
fn page(row: &Map<String, Value>, uri: &str) -> Page {
    let title = row
        .get("document")
        .and_then(|d| d.get("title"))
        .and_then(|t| match t {
            Value::Array(titles) => titles.first().and_then(Value::as_str),
            Value::String(title) => Some(title.as_str()),
            _ => None,
        })
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(str::to_string);
    Page {
        title,
        uri: uri.to_string(),
    }
}

fn timestamp(row: &Map<String, Value>, field: &'static str) -> Result<String, Skip> {
    let raw = row.get(field).and_then(Value::as_str).ok_or(Skip::NoDate)?;
    time::normalize(raw).ok_or_else(|| Skip::BadDate {
        field,
        value: raw.to_string(),
    })
}

/// An address as Hypothesis compares them: without its proxy prefix, `http` and `https`
/// alike, the host in lowercase, no default port, no fragment, no trailing slash, and the
/// query sorted without tracking parameters.
pub fn normalize(address: &str) -> String {
    let mut url = address.trim();
    for proxy in ["https://via.hypothes.is/", "http://via.hypothes.is/"] {
        if let Some(rest) = url.strip_prefix(proxy) {
            url = rest;
        }
    }
    let url = url.split('#').next().unwrap_or_default();
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_string();
    };
    let scheme = scheme.to_ascii_lowercase();
    if scheme != "http" && scheme != "https" {
        return url.to_string();
    }
    let (rest, query) = rest.split_once('?').unwrap_or((rest, ""));
    let (host, path) = rest.split_once('/').unwrap_or((rest, ""));
    let host = host.to_ascii_lowercase();
    let host = host
        .strip_suffix(":80")
        .or_else(|| host.strip_suffix(":443"))
        .unwrap_or(&host);
    let mut params: Vec<&str> = query
        .split('&')
        .filter(|p| !p.is_empty())
        .filter(|p| {
            let name = p.split('=').next().unwrap_or_default();
            !(name.starts_with("utm_")
                || name.starts_with("WT.")
                || matches!(name, "gclid" | "x-amz-security-token" | "resourcekey"))
        })
        .collect();
    crate::sort::sort(&mut params);
    let path = path.trim_end_matches('/');
    let mut out = format!("httpx://{host}");
    if !path.is_empty() {
        out.push('/');
        out.push_str(path);
    }
    if !params.is_empty() {
        out.push('?');
        out.push_str(&params.join("&"));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_compare_the_way_hypothesis_compares_them() {
        let same = [
            "https://www.Example.org/news/story.html",
            "http://www.example.org/news/story.html#comments",
            "https://www.example.org:443/news/story.html/",
            "https://via.hypothes.is/https://www.example.org/news/story.html?utm_source=x",
        ];
        for a in same {
            assert_eq!(
                normalize(a),
                "httpx://www.example.org/news/story.html",
                "{a}"
            );
        }
        assert_eq!(
            normalize("https://x.org/p?b=2&a=1&gclid=z"),
            "httpx://x.org/p?a=1&b=2"
        );
        assert_ne!(normalize("https://x.org/p"), normalize("https://x.org/q"));
        assert_eq!(normalize("urn:x-pdf:abc"), "urn:x-pdf:abc");
    }
}

//! Import of Web Annotation JSON (as [`super::to_web_annotations`] writes it, or from another
//! tool): a top-level array of annotations, a single annotation, or an `AnnotationCollection`
//! with `items` or `first.items` (following embedded `next` pages). Each annotation becomes a
//! record or is skipped with a reason; the store then merges the records by id.
//!
//! Notes and labels are kept verbatim as plain text: HTML or script in them is text, never
//! markup (the app renders it as text).

use std::collections::HashMap;
use std::fmt;

use serde_json::{Map, Value};

use super::export::ArticleInfo;
use super::kv::StoreError;
use super::records::{Bookmark, Color, Highlight, Record, RecordKind, SavedArticle};
use super::state::newer;
use super::time;
use super::web_annotation::{
    parse_block_selector, record_id, ARTICLE_PROPERTY, ARTICLE_URN, TEXT_HASH_PROPERTY,
};
use crate::anchoring::{Selectors, TextPositionSelector, TextQuoteSelector};

/// Files larger than this are refused (5 MiB).
pub const IMPORT_MAX_BYTES: usize = 5 * 1024 * 1024;

/// Why a whole file was refused; nothing was changed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ImportError {
    /// Over [`IMPORT_MAX_BYTES`].
    TooLarge {
        bytes: usize,
    },
    InvalidJson(String),
    /// Valid JSON, but not annotations.
    WrongShape(String),
    /// Annotations are read-only here (see `Store::read_only`).
    ReadOnly(String),
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ImportError::TooLarge { bytes } => write!(
                f,
                "The file is {:.1} MB; imports are limited to {} MB. Nothing was changed.",
                *bytes as f64 / 1_048_576.0,
                IMPORT_MAX_BYTES / 1_048_576
            ),
            ImportError::InvalidJson(detail) => write!(
                f,
                "The file is not valid JSON ({detail}). Nothing was changed."
            ),
            ImportError::WrongShape(why) => write!(
                f,
                "The file does not hold Web Annotations: {why}. Nothing was changed."
            ),
            ImportError::ReadOnly(why) => write!(f, "{why} Nothing was imported."),
        }
    }
}

impl std::error::Error for ImportError {}

/// One annotation of the file that was not imported.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Skipped {
    /// 1-based position in the file.
    pub item: usize,
    /// Its `id` as written in the file, if it has one.
    pub id: Option<String>,
    pub reason: String,
}

impl fmt::Display for Skipped {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.id {
            Some(id) => write!(f, "annotation {} ({id}): {}", self.item, self.reason),
            None => write!(f, "annotation {}: {}", self.item, self.reason),
        }
    }
}

/// What an import did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ImportReport {
    pub added: usize,
    pub updated: usize,
    pub skipped: Vec<Skipped>,
    /// Added or updated records that could not be written (they are kept in memory).
    pub not_saved: usize,
    /// The first write error, if any write failed.
    pub storage_error: Option<StoreError>,
}

/// At most this many skipped annotations are listed in the report's text.
const LISTED: usize = 10;

impl fmt::Display for ImportReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "Import finished: {} added, {} updated, {} skipped.",
            self.added,
            self.updated,
            self.skipped.len()
        )?;
        if !self.skipped.is_empty() {
            let listed: Vec<String> = self
                .skipped
                .iter()
                .take(LISTED)
                .map(|s| s.to_string())
                .collect();
            write!(f, " Skipped: {}", listed.join("; "))?;
            if self.skipped.len() > LISTED {
                write!(f, "; and {} more", self.skipped.len() - LISTED)?;
            }
            f.write_str(".")?;
        }
        if let Some(e) = &self.storage_error {
            write!(f, " {} of them could not be saved: {e}", self.not_saved)?;
        }
        Ok(())
    }
}

/// An annotation read from the file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Imported {
    pub item: usize,
    /// Its `id` as written in the file.
    pub id: String,
    pub record: Record,
}

/// A file read: the records to merge (one per kind and id) and what was skipped.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Parsed {
    pub records: Vec<Imported>,
    pub skipped: Vec<Skipped>,
}

/// Reads a file. `articles` are the app's articles: a `target.source` must be one of their
/// URLs, or end in one of their slugs (so an export from another copy of the app imports);
/// with no articles given, any slug-like last path segment is accepted. A file in
/// Hypothesis's format is read by [`super::hypothesis`].
pub fn parse(json: &str, articles: &[ArticleInfo]) -> Result<Parsed, ImportError> {
    if json.len() > IMPORT_MAX_BYTES {
        return Err(ImportError::TooLarge { bytes: json.len() });
    }
    let value: Value =
        serde_json::from_str(json).map_err(|e| ImportError::InvalidJson(e.to_string()))?;
    let read = match super::hypothesis::rows(&value) {
        Some(rows) => super::hypothesis::parse(rows, articles),
        None => {
            let mut read = Parsed::default();
            for (i, item) in annotations_in(&value)?.into_iter().enumerate() {
                let id = item.get("id").and_then(Value::as_str).map(str::to_string);
                match read_annotation(item, articles) {
                    Ok(record) => read.records.push(Imported {
                        item: i + 1,
                        id: id.unwrap_or_default(),
                        record,
                    }),
                    Err(reason) => read.skipped.push(Skipped {
                        item: i + 1,
                        id,
                        reason,
                    }),
                }
            }
            read
        }
    };
    let mut parsed = Parsed {
        records: Vec::new(),
        skipped: read.skipped,
    };
    let mut seen: HashMap<(RecordKind, String), usize> = HashMap::new();
    for imported in read.records {
        let key = (imported.record.kind(), imported.record.id().to_string());
        match seen.get(&key) {
            None => {
                seen.insert(key, parsed.records.len());
                parsed.records.push(imported);
            }
            Some(&at) => {
                let earlier = &mut parsed.records[at];
                let loser = if newer(&imported.record, &earlier.record) {
                    std::mem::replace(earlier, imported)
                } else {
                    imported
                };
                parsed.skipped.push(Skipped {
                    item: loser.item,
                    id: Some(loser.id),
                    reason: "listed more than once in the file; the newer copy was used".into(),
                });
            }
        }
    }
    parsed.skipped.sort_by_key(|s| s.item);
    Ok(parsed)
}

fn has_type(value: &Value, name: &str) -> bool {
    match value.get("type") {
        Some(Value::String(t)) => t == name,
        Some(Value::Array(ts)) => ts.iter().any(|t| t.as_str() == Some(name)),
        _ => false,
    }
}

fn json_kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "true or false",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

/// The annotations of a file, whichever accepted shape it has.
fn annotations_in(value: &Value) -> Result<Vec<&Value>, ImportError> {
    let wrong = |why: String| Err(ImportError::WrongShape(why));
    match value {
        Value::Array(items) => Ok(items.iter().collect()),
        Value::Object(_) if has_type(value, "Annotation") => Ok(vec![value]),
        Value::Object(map) if map.contains_key("items") || map.contains_key("first") => {
            let mut out = Vec::new();
            let mut page = Some(value);
            if !map.contains_key("items") {
                page = match &map["first"] {
                    first @ Value::Object(_) => Some(first),
                    Value::String(_) => {
                        return wrong("the collection's pages are links, not included in the file".into())
                    }
                    other => return wrong(format!("its \"first\" page is {}", json_kind(other))),
                };
            }
            let mut pages = 0;
            while let Some(p) = page {
                pages += 1;
                match p.get("items") {
                    Some(Value::Array(items)) => out.extend(items.iter()),
                    Some(other) => return wrong(format!("its \"items\" is {}, not a list", json_kind(other))),
                    None => return wrong("a page of the collection has no \"items\"".into()),
                }
                page = p.get("next").filter(|n| n.is_object() && pages < 10_000);
            }
            Ok(out)
        }
        // An empty collection has no pages.
        Value::Object(_) if has_type(value, "AnnotationCollection") => Ok(Vec::new()),
        Value::Object(map) => match map.get("type") {
            Some(t) => wrong(format!(
                "expected an Annotation or an AnnotationCollection, found type {t}"
            )),
            None => wrong("expected an Annotation or an AnnotationCollection, found an object without a \"type\"".into()),
        },
        other => wrong(format!(
            "expected an annotation, a list of annotations or an AnnotationCollection, found {}",
            json_kind(other)
        )),
    }
}

/// An optional text field: missing or null is `None`; any other non-string is an error.
fn opt_str<'a>(
    map: &'a Map<String, Value>,
    field: &str,
    what: &str,
) -> Result<Option<&'a str>, String> {
    match map.get(field) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s)),
        Some(other) => Err(format!("{what} is {}, not text", json_kind(other))),
    }
}

fn whole_number(map: &Map<String, Value>, field: &str) -> Result<usize, String> {
    match map.get(field) {
        None => Err(format!("its TextPositionSelector has no \"{field}\"")),
        Some(v) => v
            .as_u64()
            .and_then(|n| usize::try_from(n).ok())
            .ok_or_else(|| format!("its TextPositionSelector \"{field}\" is not a whole number")),
    }
}

/// One value or a list of them, as a list.
fn one_or_many(value: Option<&Value>) -> Vec<&Value> {
    match value {
        None | Some(Value::Null) => Vec::new(),
        Some(Value::Array(items)) => items.iter().collect(),
        Some(v) => vec![v],
    }
}

fn read_annotation(item: &Value, articles: &[ArticleInfo]) -> Result<Record, String> {
    let Value::Object(map) = item else {
        return Err(format!("it is {}, not an annotation", json_kind(item)));
    };
    if !has_type(item, "Annotation") {
        return Err("its type is not \"Annotation\"".into());
    }
    let id = opt_str(map, "id", "its id")?
        .filter(|id| !id.is_empty())
        .ok_or("it has no id")?;
    let mut motivations = Vec::new();
    for m in one_or_many(map.get("motivation")) {
        motivations.push(m.as_str().ok_or("its motivation is not text")?);
    }
    let created = timestamp(map, "created")?;
    let modified = timestamp(map, "modified")?;
    let (created, modified) = match (created, modified) {
        (Some(c), Some(m)) => (c, m),
        (Some(c), None) => (c.clone(), c),
        (None, Some(m)) => (m.clone(), m),
        (None, None) => return Err("it has no created or modified date".into()),
    };
    let target = *one_or_many(map.get("target"))
        .first()
        .ok_or("it has no target")?;
    let (source, target) = match target {
        Value::String(s) => (s.as_str(), None),
        // A Specific Resource (a part of the article), or the article itself.
        Value::Object(t) => match opt_str(t, "source", "its target source")? {
            Some(source) => (source, Some(t)),
            None => (
                opt_str(t, "id", "its target")?.ok_or("its target has no source")?,
                Some(t),
            ),
        },
        other => return Err(format!("its target is {}", json_kind(other))),
    };
    let named = match target {
        Some(t) => opt_str(t, ARTICLE_PROPERTY, "its article")?,
        None => None,
    };
    let article = match named.filter(|slug| is_known(slug, articles)) {
        Some(slug) => slug.to_string(),
        None => resolve_article(source, articles)?,
    };
    let selectors = target.map_or_else(Vec::new, |t| one_or_many(t.get("selector")));
    let selector = |name: &str| -> Option<&Map<String, Value>> {
        selectors
            .iter()
            .find(|s| has_type(s, name))
            .and_then(|s| s.as_object())
    };
    let text = body_text(map)?;
    let record = if motivations.contains(&"bookmarking") {
        if let Some(css) = selector("CssSelector") {
            let value = opt_str(css, "value", "its CssSelector")?.unwrap_or("");
            let block = parse_block_selector(value).ok_or_else(|| {
                format!("it bookmarks \"{value}\", not a paragraph ([data-block=\"N\"])")
            })?;
            Record::Bookmark(Bookmark {
                id: record_id(RecordKind::Bookmark, id),
                article,
                block,
                label: text,
                created,
                modified,
            })
        } else if selectors.is_empty() {
            Record::Saved(SavedArticle {
                article,
                saved_at: modified,
            })
        } else {
            return Err("it bookmarks a part of the article other than a paragraph (no [data-block] CssSelector)".into());
        }
    } else if motivations.is_empty()
        || motivations.contains(&"highlighting")
        || motivations.contains(&"commenting")
    {
        let target = target.ok_or("it has no selectors (its target is only a link)")?;
        let quote = selector("TextQuoteSelector")
            .ok_or("it has no TextQuoteSelector (the highlighted words)")?;
        let position = selector("TextPositionSelector")
            .ok_or("it has no TextPositionSelector (where the words are)")?;
        let exact = opt_str(quote, "exact", "its quoted text")?
            .ok_or("its TextQuoteSelector has no \"exact\" text")?;
        let color = match opt_str(target, "styleClass", "its styleClass")? {
            Some(class) => Color::from_style_class(class).unwrap_or_default(),
            None => Color::default(),
        };
        Record::Highlight(Highlight {
            id: record_id(RecordKind::Highlight, id),
            article,
            selectors: Selectors {
                quote: TextQuoteSelector {
                    exact: exact.to_string(),
                    prefix: opt_str(quote, "prefix", "its prefix")?
                        .unwrap_or("")
                        .to_string(),
                    suffix: opt_str(quote, "suffix", "its suffix")?
                        .unwrap_or("")
                        .to_string(),
                },
                position: TextPositionSelector {
                    start: whole_number(position, "start")?,
                    end: whole_number(position, "end")?,
                },
                text_hash: opt_str(target, TEXT_HASH_PROPERTY, "its text hash")?
                    .unwrap_or("")
                    .to_string(),
            },
            color,
            note: text,
            created,
            modified,
        })
    } else {
        return Err(format!(
            "its motivation ({}) is not one this app keeps",
            motivations.join(", ")
        ));
    };
    record.validate()?;
    Ok(record)
}

fn timestamp(map: &Map<String, Value>, field: &str) -> Result<Option<String>, String> {
    match opt_str(map, field, &format!("its {field} date"))? {
        None => Ok(None),
        Some(t) => time::normalize(t)
            .map(Some)
            .ok_or_else(|| format!("its {field} date (\"{t}\") is not an RFC 3339 date and time")),
    }
}

/// The note or label: the first `TextualBody` (not a tag), or `bodyValue`; empty if none.
fn body_text(map: &Map<String, Value>) -> Result<String, String> {
    if let Some(value) = opt_str(map, "bodyValue", "its bodyValue")? {
        return Ok(value.to_string());
    }
    for body in one_or_many(map.get("body")) {
        let Value::Object(b) = body else { continue };
        let textual =
            has_type(body, "TextualBody") || (b.get("type").is_none() && b.contains_key("value"));
        let purpose = b.get("purpose").and_then(Value::as_str);
        if textual && purpose != Some("tagging") {
            return Ok(opt_str(b, "value", "its note")?.unwrap_or("").to_string());
        }
    }
    Ok(String::new())
}

/// Whether `slug` is one of `articles` (with none given: whether it looks like a slug).
fn is_known(slug: &str, articles: &[ArticleInfo]) -> bool {
    if articles.is_empty() {
        !slug.is_empty()
            && slug
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
    } else {
        articles.iter().any(|a| a.slug == slug)
    }
}

/// The slug of the article a `target.source` names.
fn resolve_article(source: &str, articles: &[ArticleInfo]) -> Result<String, String> {
    let source = source.trim();
    let same =
        |url: &str| !url.is_empty() && url.trim_end_matches('/') == source.trim_end_matches('/');
    if let Some(info) = articles.iter().find(|a| same(&a.url)) {
        return Ok(info.slug.clone());
    }
    let candidate = match source.strip_prefix(ARTICLE_URN) {
        Some(slug) => slug,
        None => {
            let path = source.split(['?', '#']).next().unwrap_or("");
            path.trim_end_matches('/').rsplit('/').next().unwrap_or("")
        }
    };
    if is_known(candidate, articles) {
        Ok(candidate.to_string())
    } else {
        Err(format!(
            "it is about an article this app does not have ({source})"
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn articles() -> Vec<ArticleInfo> {
        vec![ArticleInfo {
            slug: "a-story".into(),
            url: "https://reader.example/articles/a-story".into(),
            ..ArticleInfo::default()
        }]
    }

    fn annotation() -> Value {
        json!({
            "@context": "http://www.w3.org/ns/anno.jsonld",
            "id": "urn:reader:highlight:h-1",
            "type": "Annotation",
            "motivation": "commenting",
            "created": "2026-11-28T13:05:00Z",
            "body": {"type": "TextualBody", "value": "<img src=x onerror=alert(1)>", "format": "text/plain"},
            "target": {
                "source": "https://reader.example/articles/a-story",
                "styleClass": "highlight-blue",
                "selector": [
                    {"type": "TextQuoteSelector", "exact": "words"},
                    {"type": "TextPositionSelector", "start": 3, "end": 8}
                ]
            }
        })
    }

    fn parse_one(v: Value) -> Result<Record, String> {
        let parsed = parse(&json!([v]).to_string(), &articles()).unwrap();
        match (parsed.records.first(), parsed.skipped.first()) {
            (Some(r), None) => Ok(r.record.clone()),
            (None, Some(s)) => Err(s.reason.clone()),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_foreign_style_highlight_is_read_leniently() {
        let Ok(Record::Highlight(h)) = parse_one(annotation()) else {
            panic!()
        };
        assert_eq!(h.id, "h-1");
        assert_eq!(h.article, "a-story");
        assert_eq!(h.color, Color::Blue);
        assert_eq!(h.note, "<img src=x onerror=alert(1)>");
        assert_eq!(h.created, "2026-11-28T13:05:00.000Z");
        assert_eq!(h.modified, h.created);
        assert_eq!(h.selectors.quote.prefix, "");
        assert_eq!(h.selectors.text_hash, "");
    }

    #[test]
    fn every_accepted_shape_reads() {
        let a = annotation();
        let shapes = [
            json!([a]),
            a.clone(),
            json!({"type": "AnnotationCollection", "items": [a]}),
            json!({"type": "AnnotationCollection", "first": {"type": "AnnotationPage", "items": [a]}}),
            json!({"type": "AnnotationCollection", "first": {"items": [], "next": {"items": [a]}}}),
        ];
        for shape in shapes {
            assert_eq!(
                parse(&shape.to_string(), &[]).unwrap().records.len(),
                1,
                "{shape}"
            );
        }
    }

    #[test]
    fn whole_file_errors_are_clear() {
        assert!(matches!(parse("{", &[]), Err(ImportError::InvalidJson(_))));
        let e = parse("42", &[]).unwrap_err();
        assert!(e.to_string().contains("found a number"), "{e}");
        let e = parse(r#"{"type":"Person"}"#, &[]).unwrap_err();
        assert!(e.to_string().contains("type \"Person\""), "{e}");
        let e = parse(
            r#"{"type":"AnnotationCollection","first":"https://x/p1"}"#,
            &[],
        )
        .unwrap_err();
        assert!(e.to_string().contains("links"), "{e}");
        let big = " ".repeat(IMPORT_MAX_BYTES + 1);
        let e = parse(&big, &[]).unwrap_err();
        assert_eq!(
            e,
            ImportError::TooLarge {
                bytes: IMPORT_MAX_BYTES + 1
            }
        );
        assert!(e.to_string().contains("limited to 5 MB"));
        assert!(e.to_string().ends_with("Nothing was changed."));
    }

    #[test]
    fn bad_annotations_are_skipped_with_reasons() {
        let with = |f: &dyn Fn(&mut Value)| {
            let mut a = annotation();
            f(&mut a);
            parse_one(a).unwrap_err()
        };
        type Change = Box<dyn Fn(&mut Value)>;
        let cases: Vec<(Change, &str)> = vec![
            (
                Box::new(|a| a["target"]["source"] = json!("https://elsewhere/x")),
                "does not have",
            ),
            (
                Box::new(|a| a["target"]["selector"] = json!([])),
                "no TextQuoteSelector",
            ),
            (
                Box::new(|a| a["target"]["selector"][1]["start"] = json!("3")),
                "\"start\" is not a whole number",
            ),
            (
                Box::new(|a| a["target"]["selector"].as_array_mut().unwrap().truncate(1)),
                "no TextPositionSelector",
            ),
            (Box::new(|a| a["id"] = json!(7)), "id is a number"),
            (
                Box::new(|a| {
                    a.as_object_mut().unwrap().remove("id");
                }),
                "no id",
            ),
            (
                Box::new(|a| a["type"] = json!("Note")),
                "not \"Annotation\"",
            ),
            (Box::new(|a| a["motivation"] = json!("tagging")), "tagging"),
            (
                Box::new(|a| a["created"] = json!("last week")),
                "not an RFC 3339",
            ),
            (
                Box::new(|a| a["body"]["value"] = json!(["x"])),
                "note is a list",
            ),
            (Box::new(|a| a["target"] = json!(5)), "target is a number"),
        ];
        for (change, expected) in cases {
            let reason = with(&*change);
            assert!(reason.contains(expected), "{reason:?} lacks {expected:?}");
        }
        assert!(parse_one(json!(3))
            .unwrap_err()
            .contains("a number, not an annotation"));
    }

    #[test]
    fn bookmarks_and_reading_list_entries() {
        let bm = json!({
            "type": "Annotation", "id": "urn:reader:bookmark:b-1", "motivation": "bookmarking",
            "created": "2026-11-28T13:05:00.000Z", "modified": "2026-11-28T14:05:00.000Z",
            "body": {"type": "TextualBody", "value": "label"},
            "target": {"source": "https://reader.example/articles/a-story",
                       "selector": {"type": "CssSelector", "value": "[data-block=\"7\"]"}}
        });
        let Ok(Record::Bookmark(b)) = parse_one(bm) else {
            panic!()
        };
        assert_eq!(
            (b.id.as_str(), b.block, b.label.as_str()),
            ("b-1", 7, "label")
        );
        let saved = json!({
            "type": "Annotation", "id": "urn:reader:saved:a-story", "motivation": "bookmarking",
            "created": "2026-11-28T13:05:00.000Z", "target": "https://reader.example/articles/a-story/"
        });
        let Ok(Record::Saved(s)) = parse_one(saved) else {
            panic!()
        };
        assert_eq!(s.article, "a-story");
    }

    #[test]
    fn sources_resolve_by_url_or_slug() {
        let a = articles();
        assert_eq!(
            resolve_article("https://reader.example/articles/a-story", &a).unwrap(),
            "a-story"
        );
        assert_eq!(
            resolve_article("http://localhost:8080/articles/a-story?x#y", &a).unwrap(),
            "a-story"
        );
        assert_eq!(
            resolve_article("urn:reader:article:a-story", &a).unwrap(),
            "a-story"
        );
        assert!(resolve_article("https://reader.example/articles/other", &a).is_err());
        assert_eq!(
            resolve_article("https://x/articles/other", &[]).unwrap(),
            "other"
        );
        assert!(resolve_article("https://x/Page.html", &[]).is_err());
    }

    #[test]
    fn duplicates_in_a_file_keep_the_newer() {
        let old = annotation();
        let mut new = annotation();
        new["modified"] = json!("2026-12-01T00:00:00.000Z");
        new["body"]["value"] = json!("newer");
        let parsed = parse(&json!([new, old]).to_string(), &articles()).unwrap();
        assert_eq!(parsed.records.len(), 1);
        let Record::Highlight(h) = &parsed.records[0].record else {
            panic!()
        };
        assert_eq!(h.note, "newer");
        assert_eq!(parsed.skipped.len(), 1);
        assert_eq!(parsed.skipped[0].item, 2);
        assert!(parsed.skipped[0].reason.contains("more than once"));
    }

    #[test]
    fn report_text() {
        let report = ImportReport {
            added: 2,
            updated: 1,
            skipped: vec![Skipped {
                item: 3,
                id: Some("x".into()),
                reason: "no id".into(),
            }],
            not_saved: 0,
            storage_error: None,
        };
        assert_eq!(
            report.to_string(),
            "Import finished: 2 added, 1 updated, 1 skipped. Skipped: annotation 3 (x): no id."
        );
    }
}

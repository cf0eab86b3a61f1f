//! Import of Web Annotation JSON (as [`super::to_web_annotations`] writes it, or from another
//! tool): a top-level array of annotations, a single annotation, or an `AnnotationCollection`
//! with `items` or `first.items` (following embedded `next` pages). Each annotation becomes a
//! record or is skipped with a reason; the store then merges the records by id.
//!
//! Notes and labels are kept verbatim as plain text: HTML or script in them is text, never
//! markup (the app renders it as text).

use std::collections::HashMap;

use serde_json::{Map, Value};

use super::vocab::{
    parse_block_selector, record_id, ARTICLE_PROPERTY, ARTICLE_URN, KEY_FACT_TAG,
    TEXT_HASH_PROPERTY,
};
use crate::anchoring::{Selectors, TextPositionSelector, TextQuoteSelector};
use crate::formats::ArticleInfo;
use crate::store::state::newer;
use crate::store::{
    time, Bookmark, Color, Highlight, Invalid, Record, RecordKind, SavedArticle, StoreError,
};

/// Files larger than this are refused (5 MiB).
pub const IMPORT_MAX_BYTES: usize = 5 * 1024 * 1024;

/// Why a whole file was refused; nothing was changed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ImportError {
    /// Over [`IMPORT_MAX_BYTES`].
    TooLarge { bytes: usize },
    /// Not JSON (the parser's words).
    InvalidJson(String),
    /// Valid JSON, but not annotations.
    WrongShape(Shape),
    /// The reader's data was written by a newer version (this storage `version`): read-only.
    ReadOnly { version: u32 },
}

/// What a file that holds no annotations holds instead.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Shape {
    /// Not an annotation, a list or a collection, but this.
    Found(JsonKind),
    /// An object of another `type`.
    OtherType(String),
    /// An object without a `type`.
    NoType,
    /// A collection whose pages are only links.
    PagesAreLinks,
    /// A collection whose `first` page is this.
    FirstIs(JsonKind),
    /// A page whose `items` is this.
    ItemsIs(JsonKind),
    /// A page without `items`.
    PageWithoutItems,
}

/// The kinds of JSON value, to say what was found instead of what was expected.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum JsonKind {
    Null,
    Boolean,
    Number,
    Text,
    List,
    Object,
}

impl JsonKind {
    pub fn of(value: &Value) -> JsonKind {
        match value {
            Value::Null => JsonKind::Null,
            Value::Bool(_) => JsonKind::Boolean,
            Value::Number(_) => JsonKind::Number,
            Value::String(_) => JsonKind::Text,
            Value::Array(_) => JsonKind::List,
            Value::Object(_) => JsonKind::Object,
        }
    }
}

/// Why one annotation of a file was not imported.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Skip {
    /// Not an object but this.
    NotAnObject(JsonKind),
    /// Its `type` is not `Annotation`.
    NotAnAnnotation,
    NoId,
    /// A field that should be text is this (the field's JSON name).
    NotText {
        field: &'static str,
        found: JsonKind,
    },
    NoDate,
    /// A date that is not an RFC 3339 date-time.
    BadDate {
        field: &'static str,
        value: String,
    },
    NoTarget,
    /// A target that is neither a link nor a resource, but this.
    TargetIs(JsonKind),
    NoSource,
    /// About an article this app does not have (the target's source).
    UnknownArticle(String),
    /// A bookmark of something other than a paragraph (its CSS selector).
    NotAParagraph(String),
    /// A bookmark of a part of the article without a paragraph selector.
    OtherPart,
    /// A highlight whose target is only a link.
    OnlyALink,
    NoQuote,
    NoPosition,
    NoExact,
    /// A `TextPositionSelector` field missing.
    MissingNumber(&'static str),
    /// A `TextPositionSelector` field that is not a whole number.
    NotWholeNumber(&'static str),
    /// Motivations this app does not keep.
    Motivation(Vec<String>),
    /// Read, but not a valid record.
    Invalid(Invalid),
    /// Listed more than once; the newer copy was used.
    Duplicate,
    /// The same version is here already.
    Unchanged,
    /// A newer version is here already.
    NewerHere,
    /// Its article already holds the most highlights one can.
    ArticleFull {
        limit: usize,
    },
    /// Hypothesis: a reply in a discussion of this page.
    Reply(Page),
    /// Hypothesis: a note on the whole of this page, not on a passage.
    PageNote(Page),
    /// Hypothesis: about this page, which is not in the library.
    OtherPage(Page),
    /// Hypothesis: its highlighted words are empty.
    EmptyQuote(Page),
}

/// A page annotated elsewhere: its address and, if known, its title.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Page {
    pub title: Option<String>,
    pub uri: String,
}

/// One annotation of the file that was not imported.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Skipped {
    /// 1-based position in the file.
    pub item: usize,
    /// Its `id` as written in the file, if it has one.
    pub id: Option<String>,
    pub reason: Skip,
}

/// One record an import added or updated.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Change {
    pub kind: RecordKind,
    /// The article's slug.
    pub article: String,
    /// Added (true) or updated (false).
    pub added: bool,
}

/// What an import did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ImportReport {
    pub added: usize,
    pub updated: usize,
    /// Every record added or updated, in file order.
    pub changes: Vec<Change>,
    pub skipped: Vec<Skipped>,
    /// Added or updated records that could not be written (they are kept in memory).
    pub not_saved: usize,
    /// The first write error, if any write failed.
    pub storage_error: Option<StoreError>,
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
/// Hypothesis's format is read by [`crate::formats::hypothesis`].
pub fn parse(json: &str, articles: &[ArticleInfo]) -> Result<Parsed, ImportError> {
    if json.len() > IMPORT_MAX_BYTES {
        return Err(ImportError::TooLarge { bytes: json.len() });
    }
    let value: Value =
        serde_json::from_str(json).map_err(|e| ImportError::InvalidJson(e.to_string()))?;
    let read = match crate::formats::hypothesis::rows(&value) {
        Some(rows) => crate::formats::hypothesis::parse(rows, articles),
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
                    reason: Skip::Duplicate,
                });
            }
        }
    }
    crate::sort::sort_by_key(&mut parsed.skipped, |s| s.item);
    Ok(parsed)
}

fn has_type(value: &Value, name: &str) -> bool {
    match value.get("type") {
        Some(Value::String(t)) => t == name,
        Some(Value::Array(ts)) => ts.iter().any(|t| t.as_str() == Some(name)),
        _ => false,
    }
}

/// The annotations of a file, whichever accepted shape it has.
fn annotations_in(value: &Value) -> Result<Vec<&Value>, ImportError> {
    let wrong = |shape: Shape| Err(ImportError::WrongShape(shape));
    match value {
        Value::Array(items) => Ok(items.iter().collect()),
        Value::Object(_) if has_type(value, "Annotation") => Ok(vec![value]),
        Value::Object(map) if map.contains_key("items") || map.contains_key("first") => {
            let mut out = Vec::new();
            let mut page = Some(value);
            if !map.contains_key("items") {
                page = match &map["first"] {
                    first @ Value::Object(_) => Some(first),
                    Value::String(_) => return wrong(Shape::PagesAreLinks),
                    other => return wrong(Shape::FirstIs(JsonKind::of(other))),
                };
            }
            let mut pages = 0;
            while let Some(p) = page {
                pages += 1;
                match p.get("items") {
                    Some(Value::Array(items)) => out.extend(items.iter()),
                    Some(other) => return wrong(Shape::ItemsIs(JsonKind::of(other))),
                    None => return wrong(Shape::PageWithoutItems),
                }
                page = p.get("next").filter(|n| n.is_object() && pages < 10_000);
            }
            Ok(out)
        }
        // An empty collection has no pages.
        Value::Object(_) if has_type(value, "AnnotationCollection") => Ok(Vec::new()),
        Value::Object(map) => match map.get("type") {
            Some(Value::String(t)) => wrong(Shape::OtherType(t.clone())),
            Some(t) => wrong(Shape::OtherType(t.to_string())),
            None => wrong(Shape::NoType),
        },
        other => wrong(Shape::Found(JsonKind::of(other))),
    }
}

/// An optional text field: missing or null is `None`; any other non-string is an error.
fn opt_str<'a>(map: &'a Map<String, Value>, field: &'static str) -> Result<Option<&'a str>, Skip> {
    match map.get(field) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s)),
        Some(other) => Err(Skip::NotText {
            field,
            found: JsonKind::of(other),
        }),
    }
}

fn whole_number(map: &Map<String, Value>, field: &'static str) -> Result<usize, Skip> {
    match map.get(field) {
        None => Err(Skip::MissingNumber(field)),
        Some(v) => v
            .as_u64()
            .and_then(|n| usize::try_from(n).ok())
            .ok_or(Skip::NotWholeNumber(field)),
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

fn read_annotation(item: &Value, articles: &[ArticleInfo]) -> Result<Record, Skip> {
    let Value::Object(map) = item else {
        return Err(Skip::NotAnObject(JsonKind::of(item)));
    };
    if !has_type(item, "Annotation") {
        return Err(Skip::NotAnAnnotation);
    }
    let id = opt_str(map, "id")?
        .filter(|id| !id.is_empty())
        .ok_or(Skip::NoId)?;
    let mut motivations = Vec::new();
    for m in one_or_many(map.get("motivation")) {
        motivations.push(m.as_str().ok_or(Skip::NotText {
            field: "motivation",
            found: JsonKind::of(m),
        })?);
    }
    let created = timestamp(map, "created")?;
    let modified = timestamp(map, "modified")?;
    let (created, modified) = match (created, modified) {
        (Some(c), Some(m)) => (c, m),
        (Some(c), None) => (c.clone(), c),
        (None, Some(m)) => (m.clone(), m),
        (None, None) => return Err(Skip::NoDate),
    };
    let target = *one_or_many(map.get("target"))
        .first()
        .ok_or(Skip::NoTarget)?;
    let (source, target) = match target {
        Value::String(s) => (s.as_str(), None),
        // A Specific Resource (a part of the article), or the article itself.
        Value::Object(t) => match opt_str(t, "source")? {
            Some(source) => (source, Some(t)),
            None => (opt_str(t, "id")?.ok_or(Skip::NoSource)?, Some(t)),
        },
        other => return Err(Skip::TargetIs(JsonKind::of(other))),
    };
    let named = match target {
        Some(t) => opt_str(t, ARTICLE_PROPERTY)?,
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
    let Bodies { text, fact } = bodies(map)?;
    let record = if motivations.contains(&"bookmarking") {
        if let Some(css) = selector("CssSelector") {
            let value = opt_str(css, "value")?.unwrap_or("");
            let block = parse_block_selector(value)
                .ok_or_else(|| Skip::NotAParagraph(value.to_string()))?;
            Record::Bookmark(Bookmark {
                id: record_id(RecordKind::Bookmark, id),
                article,
                block,
                label: text,
                excerpt: selector("TextQuoteSelector")
                    .map(|q| opt_str(q, "exact"))
                    .transpose()?
                    .flatten()
                    .unwrap_or("")
                    .to_string(),
                created,
                modified,
            })
        } else if selectors.is_empty() {
            Record::Saved(SavedArticle {
                article,
                saved_at: modified,
            })
        } else {
            return Err(Skip::OtherPart);
        }
    } else if motivations.is_empty()
        || motivations.contains(&"highlighting")
        || motivations.contains(&"commenting")
    {
        let target = target.ok_or(Skip::OnlyALink)?;
        let quote = selector("TextQuoteSelector").ok_or(Skip::NoQuote)?;
        let position = selector("TextPositionSelector").ok_or(Skip::NoPosition)?;
        let exact = opt_str(quote, "exact")?.ok_or(Skip::NoExact)?;
        let color = match opt_str(target, "styleClass")? {
            Some(class) => Color::from_style_class(class).unwrap_or_default(),
            None => Color::default(),
        };
        Record::Highlight(Highlight {
            id: record_id(RecordKind::Highlight, id),
            article,
            selectors: Selectors {
                quote: TextQuoteSelector {
                    exact: exact.to_string(),
                    prefix: opt_str(quote, "prefix")?.unwrap_or("").to_string(),
                    suffix: opt_str(quote, "suffix")?.unwrap_or("").to_string(),
                },
                position: TextPositionSelector {
                    start: whole_number(position, "start")?,
                    end: whole_number(position, "end")?,
                },
                text_hash: opt_str(target, TEXT_HASH_PROPERTY)?
                    .unwrap_or("")
                    .to_string(),
            },
            color,
            note: text,
            fact,
            created,
            modified,
        })
    } else {
        return Err(Skip::Motivation(
            motivations.iter().map(|m| m.to_string()).collect(),
        ));
    };
    record.validate().map_err(Skip::Invalid)?;
    Ok(record)
}

fn timestamp(map: &Map<String, Value>, field: &'static str) -> Result<Option<String>, Skip> {
    match opt_str(map, field)? {
        None => Ok(None),
        Some(t) => time::normalize(t).map(Some).ok_or_else(|| Skip::BadDate {
            field,
            value: t.to_string(),
        }),
    }
}

/// What an annotation's bodies say.
struct Bodies {
    /// The note or label: `bodyValue`, or the first `TextualBody` that is not a tag (nor, on
    /// a key fact, its statement); empty if none.
    text: String,
    /// Tagged "key fact" ([`KEY_FACT_TAG`], any case): the first `describing` body's value,
    /// or empty.
    fact: Option<String>,
}

fn bodies(map: &Map<String, Value>) -> Result<Bodies, Skip> {
    let mut textual = Vec::new();
    for body in one_or_many(map.get("body")) {
        let Value::Object(b) = body else { continue };
        if has_type(body, "TextualBody") || (b.get("type").is_none() && b.contains_key("value")) {
            let purpose = b.get("purpose").and_then(Value::as_str);
            textual.push((purpose, opt_str(b, "value")?.unwrap_or("")));
        }
    }
    let fact = textual
        .iter()
        .any(|&(p, v)| p == Some("tagging") && v.trim().eq_ignore_ascii_case(KEY_FACT_TAG))
        .then(|| {
            textual
                .iter()
                .find(|(p, _)| *p == Some("describing"))
                .map_or_else(String::new, |(_, v)| v.to_string())
        });
    let text = match opt_str(map, "bodyValue")? {
        Some(value) => value.to_string(),
        None => textual
            .iter()
            .find(|(p, _)| *p != Some("tagging") && !(fact.is_some() && *p == Some("describing")))
            .map_or_else(String::new, |(_, v)| v.to_string()),
    };
    Ok(Bodies { text, fact })
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
fn resolve_article(source: &str, articles: &[ArticleInfo]) -> Result<String, Skip> {
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
        Err(Skip::UnknownArticle(source.to_string()))
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

    fn parse_one(v: Value) -> Result<Record, Skip> {
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
    fn a_key_fact_is_read_from_its_tag_and_a_description_alone_is_a_note() {
        let read = |body: Value| {
            let mut a = annotation();
            a["body"] = body;
            match parse_one(a) {
                Ok(Record::Highlight(h)) => (h.note, h.fact),
                other => panic!("{other:?}"),
            }
        };
        let tag = json!({"type": "TextualBody", "purpose": "tagging", "value": " Key Fact "});
        let said =
            json!({"type": "TextualBody", "purpose": "describing", "value": "Most are sent back"});
        let note = json!({"type": "TextualBody", "value": "mine"});
        assert_eq!(
            read(json!([said.clone(), tag.clone(), note.clone()])),
            ("mine".into(), Some("Most are sent back".into()))
        );
        assert_eq!(read(tag), (String::new(), Some(String::new())));
        // Another tool's description, with no key-fact tag: the note, as before.
        assert_eq!(read(json!([said])), ("Most are sent back".into(), None));
        let other_tag = json!({"type": "TextualBody", "purpose": "tagging", "value": "facts"});
        assert_eq!(read(json!([other_tag, note])), ("mine".into(), None));
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
        let wrong = |json: &str| match parse(json, &[]) {
            Err(ImportError::WrongShape(shape)) => shape,
            other => panic!("{other:?}"),
        };
        assert_eq!(wrong("42"), Shape::Found(JsonKind::Number));
        assert_eq!(
            wrong(r#"{"type":"Person"}"#),
            Shape::OtherType("Person".into())
        );
        assert_eq!(wrong(r#"{"name":"x"}"#), Shape::NoType);
        assert_eq!(
            wrong(r#"{"type":"AnnotationCollection","first":"https://x/p1"}"#),
            Shape::PagesAreLinks
        );
        let big = " ".repeat(IMPORT_MAX_BYTES + 1);
        assert_eq!(
            parse(&big, &[]).unwrap_err(),
            ImportError::TooLarge {
                bytes: IMPORT_MAX_BYTES + 1
            }
        );
    }

    #[test]
    fn bad_annotations_are_skipped_with_reasons() {
        let with = |f: &dyn Fn(&mut Value)| {
            let mut a = annotation();
            f(&mut a);
            parse_one(a).unwrap_err()
        };
        type Change = Box<dyn Fn(&mut Value)>;
        let cases: Vec<(Change, Skip)> = vec![
            (
                Box::new(|a| a["target"]["source"] = json!("https://elsewhere/x")),
                Skip::UnknownArticle("https://elsewhere/x".into()),
            ),
            (
                Box::new(|a| a["target"]["selector"] = json!([])),
                Skip::NoQuote,
            ),
            (
                Box::new(|a| a["target"]["selector"][1]["start"] = json!("3")),
                Skip::NotWholeNumber("start"),
            ),
            (
                Box::new(|a| a["target"]["selector"].as_array_mut().unwrap().truncate(1)),
                Skip::NoPosition,
            ),
            (
                Box::new(|a| a["id"] = json!(7)),
                Skip::NotText {
                    field: "id",
                    found: JsonKind::Number,
                },
            ),
            (
                Box::new(|a| {
                    a.as_object_mut().unwrap().remove("id");
                }),
                Skip::NoId,
            ),
            (
                Box::new(|a| a["type"] = json!("Note")),
                Skip::NotAnAnnotation,
            ),
            (
                Box::new(|a| a["motivation"] = json!("tagging")),
                Skip::Motivation(vec!["tagging".into()]),
            ),
            (
                Box::new(|a| a["created"] = json!("last week")),
                Skip::BadDate {
                    field: "created",
                    value: "last week".into(),
                },
            ),
            (
                Box::new(|a| a["body"]["value"] = json!(["x"])),
                Skip::NotText {
                    field: "value",
                    found: JsonKind::List,
                },
            ),
            (
                Box::new(|a| a["target"] = json!(5)),
                Skip::TargetIs(JsonKind::Number),
            ),
        ];
        for (change, expected) in cases {
            assert_eq!(with(&*change), expected);
        }
        assert_eq!(
            parse_one(json!(3)).unwrap_err(),
            Skip::NotAnObject(JsonKind::Number)
        );
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
        assert_eq!(parsed.skipped[0].reason, Skip::Duplicate);
    }
}

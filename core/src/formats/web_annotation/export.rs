//! JSON export in the W3C Web Annotation data model (<https://www.w3.org/TR/annotation-model/>),
//! and the vocabulary shared with [`super::import`].
//!
//! - A highlight is an `Annotation` with motivation `highlighting` (`commenting` when it has a
//!   note, the note being a `TextualBody` in `text/plain`); its target is the article URL with
//!   a `TextQuoteSelector` and a `TextPositionSelector`, its colour the target's `styleClass`
//!   ("highlight-yellow"), drawn by the Annotation's embedded `stylesheet` (a `CssStylesheet`
//!   with the five colours as classes, as the model requires wherever `styleClass` is used),
//!   and the hash of the text the selectors were made on an extra `reader:textHash` property
//!   of the target.
//! - A highlight pinned as a key fact has, beside any note, a `TextualBody` with purpose
//!   `tagging` and the value "key fact" ([`KEY_FACT_TAG`]), and its statement (if the reader
//!   wrote one) as a `TextualBody` with purpose `describing`.
//! - A bookmark is motivation `bookmarking` with a `CssSelector` `[data-block="N"]` (the
//!   paragraph's index, as the app marks paragraphs), the paragraph's opening words as a
//!   `TextQuoteSelector` when known, and its label as a `TextualBody`.
//! - A reading-list entry is motivation `bookmarking` of the whole article: the target is the
//!   article itself (an External Web Resource: its `id` is the URL).
//! - Every target names its article's stable identity, `reader:article` (the slug), beside the
//!   URL of this copy of the app, so a file moves with the reader to a copy served elsewhere.
//!
//! Our own properties use the `reader:` prefix, which the `@context` declares: an array of the
//! W3C context and `{"reader": "urn:reader:terms:"}` ([`READER_TERMS`]), so a JSON-LD processor
//! keeps them as `urn:reader:terms:textHash`, … instead of dropping them.
//!
//! The file is an `AnnotationCollection` whose first page holds every annotation.

use serde::Serialize;

use super::vocab::{annotation_id, block_selector, Context, ARTICLE_URN, KEY_FACT_TAG};
use crate::formats::{exported_articles, ArticleInfo};
use crate::store::{Annotations, Bookmark, Color, Highlight, RecordKind, SavedArticle};

#[derive(Serialize)]
struct Collection<'a> {
    #[serde(rename = "@context")]
    context: Context,
    id: &'static str,
    #[serde(rename = "type")]
    kind: &'static str,
    label: &'static str,
    total: usize,
    /// Left out when there is nothing: a page must hold at least one annotation.
    #[serde(skip_serializing_if = "Option::is_none")]
    first: Option<Page<'a>>,
}

#[derive(Serialize)]
struct Page<'a> {
    id: &'static str,
    #[serde(rename = "type")]
    kind: &'static str,
    #[serde(rename = "startIndex")]
    start_index: usize,
    items: Vec<Annotation<'a>>,
}

#[derive(Serialize)]
struct Annotation<'a> {
    #[serde(rename = "@context")]
    context: Context,
    id: String,
    #[serde(rename = "type")]
    kind: &'static str,
    motivation: &'static str,
    created: &'a str,
    modified: &'a str,
    #[serde(skip_serializing_if = "Bodies::is_empty")]
    body: Bodies<'a>,
    target: Target<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    stylesheet: Option<Stylesheet>,
}

/// The embedded stylesheet that draws the `styleClass` of highlights.
#[derive(Serialize)]
struct Stylesheet {
    #[serde(rename = "type")]
    kind: &'static str,
    value: String,
}

fn highlight_stylesheet() -> Stylesheet {
    let rules: Vec<String> = Color::all()
        .iter()
        .map(|c| format!(".{} {{ background-color: {}; }}", c.style_class(), c.css()))
        .collect();
    Stylesheet {
        kind: "CssStylesheet",
        value: rules.join(" "),
    }
}

#[derive(Serialize)]
struct TextualBody<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    purpose: Option<&'static str>,
    value: &'a str,
    format: &'static str,
}

/// An annotation's bodies: none (left out), one (the body itself, as before there could be
/// more), or several (a list).
struct Bodies<'a>(Vec<TextualBody<'a>>);

impl Bodies<'_> {
    fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl Serialize for Bodies<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self.0.as_slice() {
            [one] => one.serialize(serializer),
            all => all.serialize(serializer),
        }
    }
}

#[derive(Serialize)]
#[serde(untagged)]
enum Target<'a> {
    /// The whole article.
    Article {
        id: String,
        #[serde(rename = "reader:article")]
        article: &'a str,
    },
    Part(Part<'a>),
}

/// A part of an article: a Specific Resource.
#[derive(Serialize)]
struct Part<'a> {
    source: String,
    #[serde(rename = "reader:article")]
    article: &'a str,
    #[serde(rename = "styleClass", skip_serializing_if = "Option::is_none")]
    style_class: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    selector: Vec<Selector<'a>>,
    #[serde(rename = "reader:textHash", skip_serializing_if = "Option::is_none")]
    text_hash: Option<&'a str>,
}

#[derive(Serialize)]
#[serde(tag = "type")]
enum Selector<'a> {
    #[serde(rename = "TextQuoteSelector")]
    Quote {
        exact: &'a str,
        #[serde(skip_serializing_if = "str::is_empty")]
        prefix: &'a str,
        #[serde(skip_serializing_if = "str::is_empty")]
        suffix: &'a str,
    },
    #[serde(rename = "TextPositionSelector")]
    Position { start: usize, end: usize },
    #[serde(rename = "CssSelector")]
    Css { value: String },
}

/// A plain-text body with `purpose`, if there is text.
fn text_body<'a>(text: &'a str, purpose: Option<&'static str>) -> Option<TextualBody<'a>> {
    (!text.is_empty()).then_some(TextualBody {
        kind: "TextualBody",
        purpose,
        value: text,
        format: "text/plain",
    })
}

/// The one body of a bookmark (its label), if it has one.
fn body(text: &str) -> Bodies<'_> {
    Bodies(text_body(text, None).into_iter().collect())
}

/// A highlight's bodies: its note, then, pinned as a key fact, the tag and the statement.
fn highlight_bodies(h: &Highlight) -> Bodies<'_> {
    let mut bodies: Vec<_> = text_body(&h.note, None).into_iter().collect();
    if let Some(statement) = &h.fact {
        bodies.extend(text_body(KEY_FACT_TAG, Some("tagging")));
        bodies.extend(text_body(statement, Some("describing")));
    }
    Bodies(bodies)
}

fn highlight<'a>(h: &'a Highlight, source: &str) -> Annotation<'a> {
    let q = &h.selectors.quote;
    let p = h.selectors.position;
    Annotation {
        context: Context,
        id: annotation_id(RecordKind::Highlight, &h.id),
        kind: "Annotation",
        motivation: if h.note.is_empty() {
            "highlighting"
        } else {
            "commenting"
        },
        created: &h.created,
        modified: &h.modified,
        body: highlight_bodies(h),
        stylesheet: Some(highlight_stylesheet()),
        target: Target::Part(Part {
            source: source.to_string(),
            article: &h.article,
            style_class: Some(h.color.style_class()),
            selector: vec![
                Selector::Quote {
                    exact: &q.exact,
                    prefix: &q.prefix,
                    suffix: &q.suffix,
                },
                Selector::Position {
                    start: p.start,
                    end: p.end,
                },
            ],
            text_hash: Some(h.selectors.text_hash.as_str()).filter(|t| !t.is_empty()),
        }),
    }
}

fn bookmark<'a>(b: &'a Bookmark, source: &str) -> Annotation<'a> {
    Annotation {
        context: Context,
        id: annotation_id(RecordKind::Bookmark, &b.id),
        kind: "Annotation",
        motivation: "bookmarking",
        created: &b.created,
        modified: &b.modified,
        body: body(&b.label),
        stylesheet: None,
        target: Target::Part(Part {
            source: source.to_string(),
            article: &b.article,
            style_class: None,
            // The paragraph, and its opening words for a consumer that finds text by quote.
            selector: std::iter::once(Selector::Css {
                value: block_selector(b.block),
            })
            .chain((!b.excerpt.is_empty()).then_some(Selector::Quote {
                exact: &b.excerpt,
                prefix: "",
                suffix: "",
            }))
            .collect(),
            text_hash: None,
        }),
    }
}

fn saved<'a>(s: &'a SavedArticle, source: &str) -> Annotation<'a> {
    Annotation {
        context: Context,
        id: annotation_id(RecordKind::Saved, &s.article),
        kind: "Annotation",
        motivation: "bookmarking",
        created: &s.saved_at,
        modified: &s.saved_at,
        body: Bodies(Vec::new()),
        stylesheet: None,
        target: Target::Article {
            id: source.to_string(),
            article: &s.article,
        },
    }
}

/// Every highlight, bookmark and reading-list entry (reading positions are not annotations
/// and stay out) as a pretty-printed Web Annotation `AnnotationCollection`.
pub fn to_web_annotations(articles: &[ArticleInfo], state: &Annotations) -> String {
    let mut items = Vec::new();
    for (slug, info) in exported_articles(articles, state) {
        let source = match info {
            Some(i) if !i.url.is_empty() => i.url.clone(),
            _ => format!("{ARTICLE_URN}{slug}"),
        };
        if let Some(s) = state.saved_entry(&slug) {
            items.push(saved(s, &source));
        }
        items.extend(
            state
                .highlights_for(&slug)
                .into_iter()
                .map(|h| highlight(h, &source)),
        );
        items.extend(
            state
                .bookmarks_for(&slug)
                .into_iter()
                .map(|b| bookmark(b, &source)),
        );
    }
    let collection = Collection {
        context: Context,
        id: "urn:reader:annotations",
        kind: "AnnotationCollection",
        label: "Highlights, notes and bookmarks",
        total: items.len(),
        first: (!items.is_empty()).then_some(Page {
            id: "urn:reader:annotations:page-1",
            kind: "AnnotationPage",
            start_index: 0,
            items,
        }),
    };
    serde_json::to_string_pretty(&collection).expect("annotations serialize")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::fixtures::{bookmark as bm, highlight as hl};
    use crate::store::records::Record;
    use serde_json::{json, Value};

    #[test]
    fn highlight_with_note_is_a_commenting_annotation() {
        let mut state = Annotations::default();
        let mut h = hl("h-1");
        h.note = "<script>x</script>".into();
        state.insert(Record::Highlight(h));
        state.insert(Record::Bookmark(bm("b-1")));
        let info = ArticleInfo {
            slug: "an-article".into(),
            url: "https://example.org/articles/an-article".into(),
            ..ArticleInfo::default()
        };
        let doc: Value = serde_json::from_str(&to_web_annotations(&[info], &state)).unwrap();
        assert_eq!(doc["type"], "AnnotationCollection");
        assert_eq!(doc["total"], 2);
        let items = doc["first"]["items"].as_array().unwrap();
        assert_eq!(
            items[0],
            json!({
                "@context": ["http://www.w3.org/ns/anno.jsonld", {"reader": "urn:reader:terms:"}],
                "id": "urn:reader:highlight:h-1",
                "type": "Annotation",
                "motivation": "commenting",
                "created": "2026-11-28T13:05:00.000Z",
                "modified": "2026-11-28T13:05:00.000Z",
                "body": {"type": "TextualBody", "value": "<script>x</script>", "format": "text/plain"},
                "stylesheet": {
                    "type": "CssStylesheet",
                    "value": ".highlight-yellow { background-color: #fde68a; } .highlight-green { background-color: #bbf7d0; } .highlight-blue { background-color: #bfdbfe; } .highlight-pink { background-color: #fbcfe8; } .highlight-purple { background-color: #ddd6fe; }"
                },
                "target": {
                    "source": "https://example.org/articles/an-article",
                    "reader:article": "an-article",
                    "styleClass": "highlight-green",
                    "selector": [
                        {"type": "TextQuoteSelector", "exact": "words", "prefix": "some ", "suffix": " here"},
                        {"type": "TextPositionSelector", "start": 5, "end": 10}
                    ],
                    "reader:textHash": "abc"
                }
            })
        );
        assert_eq!(items[1]["motivation"], "bookmarking");
        assert_eq!(
            items[1]["target"]["selector"][0]["value"],
            "[data-block=\"3\"]"
        );
        assert!(items[1].get("body").is_none());
    }

    #[test]
    fn a_key_fact_is_tagged_and_its_statement_describes_it() {
        let mut h = hl("h-1");
        h.note = "my note".into();
        h.fact = Some("Defectors face camps".into());
        let mut state = Annotations::default();
        state.insert(Record::Highlight(h.clone()));
        let doc: Value = serde_json::from_str(&to_web_annotations(&[], &state)).unwrap();
        assert_eq!(
            doc["first"]["items"][0]["body"],
            json!([
                {"type": "TextualBody", "value": "my note", "format": "text/plain"},
                {"type": "TextualBody", "purpose": "tagging", "value": "key fact", "format": "text/plain"},
                {"type": "TextualBody", "purpose": "describing", "value": "Defectors face camps", "format": "text/plain"}
            ])
        );
        // Pinned without a statement, without a note: the tag alone, as the one body.
        h.note.clear();
        h.fact = Some(String::new());
        let mut state = Annotations::default();
        state.insert(Record::Highlight(h));
        let doc: Value = serde_json::from_str(&to_web_annotations(&[], &state)).unwrap();
        let item = &doc["first"]["items"][0];
        assert_eq!(item["motivation"], "highlighting");
        assert_eq!(
            item["body"],
            json!({"type": "TextualBody", "purpose": "tagging", "value": "key fact", "format": "text/plain"})
        );
    }
}

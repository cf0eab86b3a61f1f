//! Version 2 values, still read: each record's serde JSON, which names its id (or slug) too.
//!
//! Read from a [`serde_json::Value`] field by field rather than by the records' derived
//! deserializers: the app reads version 2 values only when a store written by an older version
//! opens, and the derived code for the four records cost the main WebAssembly module 18 KB raw,
//! 3 KB brotli. It takes what those deserializers take (unknown fields ignored, the same
//! defaults for fields left out), which the tests hold against them.

use serde_json::Value;

use super::{json_problem, Problem};
use crate::anchoring::{Selectors, TextPositionSelector, TextQuoteSelector};
use crate::fields::{Fields, Read};
use crate::store::records::{
    Bookmark, Color, Highlight, ReadingPosition, Record, RecordKind, SavedArticle,
};

/// Reads the version 2 value `raw` of the record of `kind` whose key names `id`.
pub(super) fn parse(kind: RecordKind, id: &str, raw: &str) -> Result<Record, Problem> {
    let value: Value = serde_json::from_str(raw).map_err(json_problem)?;
    let o = Fields::of(&value, "the record")?;
    let record = match kind {
        RecordKind::Highlight => {
            // In the order of the record's fields, so a problem is named as serde would.
            let (id, article) = (o.text("id")?, o.text("article")?);
            let selectors = Fields::of(o.get("selectors")?, "selectors")?;
            let quote = Fields::of(selectors.get("quote")?, "quote")?;
            let position = Fields::of(selectors.get("position")?, "position")?;
            Record::Highlight(Highlight {
                id,
                article,
                selectors: Selectors {
                    quote: TextQuoteSelector {
                        exact: quote.text("exact")?,
                        prefix: quote.text_or_empty("prefix")?,
                        suffix: quote.text_or_empty("suffix")?,
                    },
                    position: TextPositionSelector {
                        start: position.number("start")?,
                        end: position.number("end")?,
                    },
                    text_hash: selectors.text("text_hash")?,
                },
                color: o.color_or_yellow("color")?,
                note: o.text_or_empty("note")?,
                fact: o.text_or_none("fact")?,
                created: o.text("created")?,
                modified: o.text("modified")?,
            })
        }
        RecordKind::Bookmark => Record::Bookmark(Bookmark {
            id: o.text("id")?,
            article: o.text("article")?,
            block: o.number("block")?,
            label: o.text_or_empty("label")?,
            excerpt: o.text_or_empty("excerpt")?,
            created: o.text("created")?,
            modified: o.text("modified")?,
        }),
        RecordKind::Saved => Record::Saved(SavedArticle {
            article: o.text("article")?,
            saved_at: o.text("saved_at")?,
        }),
        RecordKind::Position => Record::Position(ReadingPosition {
            article: o.text("article")?,
            block: o.number("block")?,
            updated: o.text("updated")?,
        }),
    };
    if record.id() != id {
        return Err(Problem::NamesAnother {
            named: record.id().to_string(),
            key: id.to_string(),
        });
    }
    Ok(record)
}

impl Fields<'_> {
    /// The colour named by `name` (`"pink"`), yellow when the field is left out.
    pub(super) fn color_or_yellow(&self, name: &str) -> Read<Color> {
        match self.field(name) {
            None => Ok(Color::default()),
            Some(_) => self.with(
                name,
                |c| {
                    let named = c.as_str()?;
                    Color::all().iter().find(|c| c.name() == named).copied()
                },
                "a colour",
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fields::mutations;
    use crate::store::fixtures::{bookmark, highlight, T1};

    /// What the records' derived deserializers make of `raw` (the reader this one replaces).
    fn by_serde(kind: RecordKind, raw: &str) -> Option<Record> {
        match kind {
            RecordKind::Highlight => serde_json::from_str(raw).ok().map(Record::Highlight),
            RecordKind::Bookmark => serde_json::from_str(raw).ok().map(Record::Bookmark),
            RecordKind::Saved => serde_json::from_str(raw).ok().map(Record::Saved),
            RecordKind::Position => serde_json::from_str(raw).ok().map(Record::Position),
        }
    }

    fn json(record: &Record) -> String {
        match record {
            Record::Highlight(h) => serde_json::to_string(h),
            Record::Bookmark(b) => serde_json::to_string(b),
            Record::Saved(s) => serde_json::to_string(s),
            Record::Position(p) => serde_json::to_string(p),
        }
        .unwrap()
    }

    fn records() -> Vec<Record> {
        let mut noted = highlight("h-2");
        noted.note = "a note \"quoted\" ✓".into();
        noted.fact = Some(String::new());
        noted.color = Color::Purple;
        noted.selectors.quote.prefix.clear();
        let mut labelled = bookmark("b-2");
        labelled.label = "label".into();
        labelled.excerpt = "The opening words".into();
        vec![
            Record::Highlight(highlight("h-1")),
            Record::Highlight(noted),
            Record::Bookmark(bookmark("b-1")),
            Record::Bookmark(labelled),
            Record::Saved(SavedArticle {
                article: "an-article".into(),
                saved_at: T1.into(),
            }),
            Record::Position(ReadingPosition {
                article: "an-article".into(),
                block: 12,
                updated: T1.into(),
            }),
        ]
    }

    #[test]
    fn reads_what_version_2_wrote() {
        for record in records() {
            assert_eq!(
                parse(record.kind(), record.id(), &json(&record)),
                Ok(record.clone())
            );
        }
    }

    #[test]
    fn says_what_is_wrong() {
        let kind = RecordKind::Highlight;
        let problem = |raw: &str| match parse(kind, "h-1", raw) {
            Err(Problem::WrongShape(why)) => why,
            other => panic!("{raw}: {other:?}"),
        };
        assert_eq!(problem("[]"), "the record is not an object");
        assert_eq!(
            problem(r#"{"id":"h-1","article":5}"#),
            "`article` is not text: 5"
        );
        let mut value: Value = serde_json::from_str(&json(&records()[0])).unwrap();
        value["selectors"]["position"]["end"] = Value::from(-1);
        assert_eq!(
            problem(&value.to_string()),
            "`end` is not a whole number: -1"
        );
        value["selectors"] = Value::Null;
        assert_eq!(problem(&value.to_string()), "selectors is not an object");
        assert!(matches!(parse(kind, "h-1", "{"), Err(Problem::NotJson(_))));
        assert_eq!(
            parse(kind, "h-9", &json(&records()[0])),
            Err(Problem::NamesAnother {
                named: "h-1".into(),
                key: "h-9".into()
            })
        );
    }

    /// On version 2 values with any one field removed or of another type, and with a field
    /// it does not know, this reader accepts exactly what the derived deserializers accept,
    /// and makes the same record.
    #[test]
    fn agrees_with_the_derived_deserializers() {
        let mut tried = 0;
        for record in records() {
            let value: Value = serde_json::from_str(&json(&record)).unwrap();
            for mut changed in mutations(&value) {
                for extra in [false, true] {
                    if extra {
                        changed["unknown"] = Value::from(1);
                    }
                    let raw = changed.to_string();
                    let ours = parse(record.kind(), record.id(), &raw).ok();
                    let theirs = by_serde(record.kind(), &raw).filter(|r| r.id() == record.id());
                    assert_eq!(ours, theirs, "{raw}");
                    tried += 1;
                }
            }
        }
        assert!(tried > 400, "{tried}");
    }
}

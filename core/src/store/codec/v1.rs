//! Version 1's stored data, read so that it can be migrated (`Store::open` does that, see
//! `handle/migrate.rs`).
//!
//! Version 1 kept every highlight in one key, `reader:annotations`:
//!
//! ```json
//! {"version":1,"highlights":[{"id":"h1","slug":"an-article","quote":"words","prefix":"some ",
//!   "suffix":" here","start":5,"end":10,"colour":"yellow","note":"","created":"2026-…Z"}]}
//! ```
//!
//! [`parse_v1`] reads it; the store (`Store::open`) does the rest: `reader:meta` is written
//! first (so an older copy of the app never mistakes the new records for damaged ones); then
//! each highlight becomes a record (`modified` = `created`, no text hash), merged with any
//! stored record of the same id (the later wins) and written under its own key in the current
//! form. When every highlight is stored, the blob is moved to a backup key. While some cannot
//! be written (storage full), the blob is rewritten to hold only those ([`V1Data::keeping`],
//! always smaller, so it always fits): a highlight stored and then deleted by the reader
//! never comes back from the blob. The rest is written as soon as there is room (at the
//! reader's next change), or on the next start.

use serde_json::{Map, Value};

use super::{json_problem, Problem};
use crate::anchoring::{Selectors, TextPositionSelector, TextQuoteSelector};
use crate::fields::Fields;
use crate::store::records::{Color, Highlight, Invalid, Record, TimeField};
use crate::store::time;

/// A version 1 highlight as written. Read field by field ([`V1Highlight::read`]), not by a
/// derived deserializer, whose code for this one struct cost the main module more than the
/// reader that version 2 values already need.
#[cfg_attr(test, derive(serde::Deserialize, Debug, PartialEq))]
struct V1Highlight {
    id: String,
    slug: String,
    quote: String,
    #[cfg_attr(test, serde(default))]
    prefix: String,
    #[cfg_attr(test, serde(default))]
    suffix: String,
    start: usize,
    end: usize,
    #[cfg_attr(test, serde(default))]
    colour: Option<String>,
    #[cfg_attr(test, serde(default))]
    note: Option<String>,
    created: String,
}

impl V1Highlight {
    /// Reads one entry as the derived deserializer would (a field left out, or of another
    /// type, is a problem named as serde names it; unknown fields are ignored).
    fn read(raw: &Value) -> Result<V1Highlight, Problem> {
        let o = Fields::of(raw, "the highlight")?;
        Ok(V1Highlight {
            id: o.text("id")?,
            slug: o.text("slug")?,
            quote: o.text("quote")?,
            prefix: o.text_or_empty("prefix")?,
            suffix: o.text_or_empty("suffix")?,
            start: o.number("start")?,
            end: o.number("end")?,
            colour: o.text_or_none("colour")?,
            note: o.text_or_none("note")?,
            created: o.text("created")?,
        })
    }

    fn upgrade(self) -> Result<Highlight, Problem> {
        let created = time::normalize(&self.created).ok_or_else(|| {
            Problem::Invalid(Invalid::Time {
                field: TimeField::Created,
                value: self.created.clone(),
            })
        })?;
        let highlight = Highlight {
            id: self.id,
            article: self.slug,
            selectors: Selectors {
                quote: TextQuoteSelector {
                    exact: self.quote,
                    prefix: self.prefix,
                    suffix: self.suffix,
                },
                position: TextPositionSelector {
                    start: self.start,
                    end: self.end,
                },
                text_hash: String::new(),
            },
            color: self
                .colour
                .as_deref()
                .and_then(Color::from_name)
                .unwrap_or_default(),
            note: self.note.unwrap_or_default(),
            fact: None,
            modified: created.clone(),
            created,
        };
        Record::Highlight(highlight.clone())
            .validate()
            .map_err(Problem::Invalid)?;
        Ok(highlight)
    }
}

/// One entry of a version 1 blob: its JSON as stored, and the highlight read from it or why
/// it could not be read.
#[derive(Clone, Debug, PartialEq)]
pub struct V1Entry {
    pub raw: Value,
    pub read: Result<Highlight, Problem>,
}

/// A version 1 blob, read.
#[derive(Clone, Debug, PartialEq)]
pub struct V1Data {
    /// The blob's other fields (`version`, anything else), kept when it is rewritten.
    fields: Map<String, Value>,
    pub entries: Vec<V1Entry>,
}

impl V1Data {
    /// The highlights that could be read.
    pub fn highlights(&self) -> impl Iterator<Item = &Highlight> {
        self.entries.iter().filter_map(|e| e.read.as_ref().ok())
    }

    /// Why each unreadable entry could not be read, with its 1-based position.
    pub fn unreadable(&self) -> Vec<(usize, Problem)> {
        self.entries
            .iter()
            .enumerate()
            .filter_map(|(i, e)| e.read.as_ref().err().map(|why| (i + 1, why.clone())))
            .collect()
    }

    /// The blob holding only the entries `keep` accepts: what is still to be migrated.
    pub fn keeping(&self, keep: impl Fn(&V1Entry) -> bool) -> String {
        let mut object = self.fields.clone();
        let kept = self
            .entries
            .iter()
            .filter(|e| keep(e))
            .map(|e| e.raw.clone());
        object.insert("highlights".into(), Value::Array(kept.collect()));
        Value::Object(object).to_string()
    }
}

/// Reads a version 1 blob; entries that cannot be read are listed, the rest kept.
pub fn parse_v1(raw: &str) -> Result<V1Data, Problem> {
    let value: Value = serde_json::from_str(raw).map_err(json_problem)?;
    match value.get("version").and_then(Value::as_u64) {
        Some(1) => {}
        Some(v) => return Err(Problem::NotVersion1(v)),
        None => return Err(Problem::NoVersion),
    }
    let Value::Object(mut fields) = value else {
        return Err(Problem::WrongShape("not an object".into()));
    };
    let Some(Value::Array(list)) = fields.remove("highlights") else {
        return Err(Problem::NoHighlightList);
    };
    let entries = list
        .into_iter()
        .map(|raw| {
            let read = V1Highlight::read(&raw).and_then(V1Highlight::upgrade);
            V1Entry { raw, read }
        })
        .collect();
    Ok(V1Data { fields, entries })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    const BLOB: &str = r#"{"version":1,"highlights":[
        {"id":"h1","slug":"a","quote":"words","prefix":"p","suffix":"s","start":5,"end":10,
         "colour":"Pink","note":"<b>n</b>","created":"2025-01-02T03:04:05Z"},
        {"id":"h2","slug":"a","quote":"more","start":1,"end":5,"created":"2025-01-03T00:00:00.000Z"},
        {"id":"h3","slug":"a","start":1},
        {"id":"h4","slug":"a","quote":"x","start":1,"end":2,"created":"zzz"}
    ]}"#;

    #[test]
    fn version_1_highlights_are_upgraded() {
        let data = parse_v1(BLOB).unwrap();
        let highlights: Vec<&Highlight> = data.highlights().collect();
        assert_eq!(highlights.len(), 2);
        let h = highlights[0];
        assert_eq!(h.article, "a");
        assert_eq!(h.color, Color::Pink);
        assert_eq!(h.note, "<b>n</b>");
        assert_eq!(h.created, "2025-01-02T03:04:05.000Z", "in the stored form");
        assert_eq!(h.modified, h.created);
        assert_eq!(h.selectors.text_hash, "");
        assert_eq!(
            h.selectors.position,
            TextPositionSelector { start: 5, end: 10 }
        );
        assert_eq!(highlights[1].color, Color::Yellow);
        let unreadable = data.unreadable();
        assert_eq!(unreadable.len(), 2);
        assert!(matches!(unreadable[0], (3, Problem::WrongShape(_))));
        assert_eq!(
            unreadable[1],
            (
                4,
                Problem::Invalid(Invalid::Time {
                    field: TimeField::Created,
                    value: "zzz".into()
                })
            )
        );
    }

    #[test]
    fn unreadable_blobs_say_why() {
        assert!(matches!(parse_v1("["), Err(Problem::NotJson(_))));
        assert_eq!(
            parse_v1(r#"{"version":3,"highlights":[]}"#).unwrap_err(),
            Problem::NotVersion1(3)
        );
        assert_eq!(
            parse_v1(r#"{"version":1}"#).unwrap_err(),
            Problem::NoHighlightList
        );
    }

    #[test]
    fn the_blob_can_be_rewritten_with_fewer_entries_and_nothing_else_changed() {
        let data = parse_v1(BLOB).unwrap();
        let rest = data.keeping(|e| e.read.as_ref().map_or(true, |h| h.id != "h1"));
        assert!(rest.len() < BLOB.len());
        let again = parse_v1(&rest).unwrap();
        assert_eq!(again.entries, data.entries[1..]);
        assert_eq!(again.fields, data.fields);
    }

    #[test]
    fn entries_are_read_as_the_derived_deserializer_reads_them() {
        let entries = [
            r#"{"id":"h1","slug":"a","quote":"q","prefix":"p","suffix":"s","start":5,"end":10,"colour":"pink","note":"n","created":"c","extra":[1]}"#,
            r#"{"id":"h1","slug":"a","quote":"q","start":0,"end":1,"created":"c"}"#,
            r#"{"id":"h1","slug":"a","quote":"q","start":0,"end":1,"colour":null,"note":null,"created":"c"}"#,
            r#"{"id":"h1","slug":"a","quote":"q","start":0,"end":1,"colour":3,"created":"c"}"#,
            r#"{"id":"h1","slug":"a","quote":"q","start":0,"end":1,"note":false,"created":"c"}"#,
            r#"{"id":"h1","slug":"a","quote":"q","prefix":null,"start":0,"end":1,"created":"c"}"#,
            r#"{"id":"h1","slug":"a","quote":"q","start":-1,"end":1,"created":"c"}"#,
            r#"{"id":"h1","slug":"a","quote":"q","start":1.5,"end":2,"created":"c"}"#,
            r#"{"id":"h1","slug":"a","start":0,"end":1,"created":"c"}"#,
            r#"{"id":7,"slug":"a","quote":"q","start":0,"end":1,"created":"c"}"#,
            r#"["h1"]"#,
            r#"null"#,
        ];
        for entry in entries {
            let value: Value = serde_json::from_str(entry).unwrap();
            let by_serde = V1Highlight::deserialize(&value).ok();
            assert_eq!(V1Highlight::read(&value).ok(), by_serde, "{entry}");
        }
        // A problem names the field as serde does.
        let left_out = serde_json::from_str(entries[8]).unwrap();
        assert_eq!(
            V1Highlight::read(&left_out).err(),
            Some(Problem::WrongShape("missing field `quote`".into()))
        );
    }
}

//! Migrations of older stored data to [`SCHEMA_VERSION`].
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
//!
//! Version 2 stored each record under its own key as the record's serde JSON
//! (`{"id":…,"article":…,"selectors":{…},…}`); version 3 stores a compact, packed form
//! ([`super::stored`]). Version 2 values need no conversion step to be read:
//! [`schema::parse_record`] reads both forms. When the store opens, every value still in the
//! version 2 form is rewritten in the version 3 form (`Store::open`, after `reader:meta` says
//! 3). The new value is always shorter than the old one, so this cannot run out of room; if a
//! write fails anyway, the version 2 value stays, still reads, and is rewritten next time.

use serde::Deserialize;
use serde_json::{Map, Value};

use super::records::{Color, Highlight, Record};
use super::schema::{json_reason, SCHEMA_VERSION};
use super::time;
use crate::anchoring::{Selectors, TextPositionSelector, TextQuoteSelector};

#[derive(Deserialize)]
struct V1Highlight {
    id: String,
    slug: String,
    quote: String,
    #[serde(default)]
    prefix: String,
    #[serde(default)]
    suffix: String,
    start: usize,
    end: usize,
    #[serde(default)]
    colour: Option<String>,
    #[serde(default)]
    note: Option<String>,
    created: String,
}

impl V1Highlight {
    fn upgrade(self) -> Result<Highlight, String> {
        let created = time::normalize(&self.created).ok_or_else(|| {
            format!(
                "its created time (\"{}\") is not a date and time",
                self.created
            )
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
            modified: created.clone(),
            created,
        };
        Record::Highlight(highlight.clone()).validate()?;
        Ok(highlight)
    }
}

/// One entry of a version 1 blob: its JSON as stored, and the highlight read from it or why
/// it could not be read.
#[derive(Clone, Debug, PartialEq)]
pub struct V1Entry {
    pub raw: Value,
    pub read: Result<Highlight, String>,
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

    /// Why each unreadable entry could not be read ("highlight 3: …").
    pub fn unreadable(&self) -> Vec<String> {
        self.entries
            .iter()
            .enumerate()
            .filter_map(|(i, e)| {
                e.read
                    .as_ref()
                    .err()
                    .map(|why| format!("highlight {}: {why}", i + 1))
            })
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
pub fn parse_v1(raw: &str) -> Result<V1Data, String> {
    let value: Value = serde_json::from_str(raw).map_err(json_reason)?;
    match value.get("version").and_then(Value::as_u64) {
        Some(1) => {}
        Some(v) => {
            return Err(format!(
                "it says version {v}, but this key only ever held version 1"
            ))
        }
        None => return Err("it has no version number".into()),
    }
    let Value::Object(mut fields) = value else {
        return Err("it is not an object".into());
    };
    let Some(Value::Array(list)) = fields.remove("highlights") else {
        return Err("it has no list of highlights".into());
    };
    let entries = list
        .into_iter()
        .map(|raw| {
            let read = V1Highlight::deserialize(&raw)
                .map_err(|e| format!("it does not have the expected fields ({e})"))
                .and_then(V1Highlight::upgrade);
            V1Entry { raw, read }
        })
        .collect();
    Ok(V1Data { fields, entries })
}

// Version 1 → current: `migrate_v1`. Version 2 → 3: version 2 values are read as they are
// and rewritten when the store opens (see the module documentation).
const _: () = assert!(
    SCHEMA_VERSION == 3,
    "add the migration from the previous version"
);

#[cfg(test)]
mod tests {
    use super::*;

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
        assert!(unreadable[0].starts_with("highlight 3:"));
        assert!(unreadable[1].starts_with("highlight 4:") && unreadable[1].contains("zzz"));
    }

    #[test]
    fn unreadable_blobs_say_why() {
        assert!(parse_v1("[").unwrap_err().contains("not valid JSON"));
        assert!(parse_v1(r#"{"version":3,"highlights":[]}"#)
            .unwrap_err()
            .contains("version 3"));
        assert!(parse_v1(r#"{"version":1}"#)
            .unwrap_err()
            .contains("no list"));
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
}

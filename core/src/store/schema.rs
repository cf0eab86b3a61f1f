//! The storage schema: every key under the `reader:` prefix, one record per key.
//!
//! | key                                  | value                                   |
//! |--------------------------------------|-----------------------------------------|
//! | `reader:meta`                        | `{"version":3}`                         |
//! | `reader:hl:<id>`                     | a [`Highlight`]                         |
//! | `reader:bm:<id>`                     | a [`Bookmark`]                          |
//! | `reader:saved:<slug>`                | a [`SavedArticle`] (reading list)       |
//! | `reader:pos:<slug>`                  | a [`ReadingPosition`]                   |
//! | `reader:backup:<n>:<original key>`   | raw text kept aside (unreadable data, or a migrated original) |
//! | `reader:annotations`                 | version 1's single blob (migrated, see [`super::migrate`]) |
//!
//! A record's value is written in the version 3 form ([`super::stored`]: compact JSON,
//! packed); the version 2 form (the record's serde JSON) is still read. Other `reader:` keys
//! are not the store's and are left alone. `docs/storage.md` has the shapes.

use serde_json::error::Category;

use super::records::{Bookmark, Highlight, ReadingPosition, Record, RecordKind, SavedArticle};
use super::stored;

/// The version this code reads and writes. Version 1 was a single blob ([`LEGACY_KEY`]);
/// version 2 stored each record's serde JSON; version 3 its compact, packed form.
pub const SCHEMA_VERSION: u32 = 3;

/// Every key of the store starts with this.
pub const PREFIX: &str = "reader:";
/// `{"version":N}`: the schema version of everything under [`PREFIX`].
pub const META_KEY: &str = "reader:meta";
/// Version 1 kept every highlight in this one key.
pub const LEGACY_KEY: &str = "reader:annotations";
/// Data kept aside: `reader:backup:<n>:<original key>`.
pub const BACKUP_PREFIX: &str = "reader:backup:";

/// The key prefix of a record kind, e.g. `reader:hl:`.
pub fn key_prefix(kind: RecordKind) -> &'static str {
    match kind {
        RecordKind::Highlight => "reader:hl:",
        RecordKind::Bookmark => "reader:bm:",
        RecordKind::Saved => "reader:saved:",
        RecordKind::Position => "reader:pos:",
    }
}

/// The value of [`META_KEY`] for this version.
pub fn meta_json() -> String {
    format!("{{\"version\":{SCHEMA_VERSION}}}")
}

/// The version recorded in a [`META_KEY`] value.
pub fn parse_meta(raw: &str) -> Result<u32, String> {
    let value: serde_json::Value = serde_json::from_str(raw).map_err(json_reason)?;
    let version = value
        .get("version")
        .ok_or("it has no \"version\"")?
        .as_u64()
        .ok_or("its \"version\" is not a whole number")?;
    match u32::try_from(version) {
        Ok(v) if v >= 1 => Ok(v),
        _ => Err(format!("version {version} does not exist")),
    }
}

/// The key that keeps `original`'s data aside, numbered `n`.
pub fn backup_key(n: u64, original: &str) -> String {
    format!("{BACKUP_PREFIX}{n}:{original}")
}

/// What a key is to the store.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum KeyClass<'a> {
    Meta,
    Legacy,
    Backup {
        n: u64,
        original: &'a str,
    },
    Record {
        kind: RecordKind,
        id: &'a str,
    },
    /// Not the store's (outside the prefix, or a `reader:` key it does not know).
    Other,
}

pub fn classify(key: &str) -> KeyClass<'_> {
    if key == META_KEY {
        return KeyClass::Meta;
    }
    if key == LEGACY_KEY {
        return KeyClass::Legacy;
    }
    if let Some(rest) = key.strip_prefix(BACKUP_PREFIX) {
        if let Some((n, original)) = rest.split_once(':') {
            if let Ok(n) = n.parse() {
                return KeyClass::Backup { n, original };
            }
        }
        return KeyClass::Other;
    }
    for kind in RecordKind::ALL {
        if let Some(id) = key.strip_prefix(key_prefix(kind)) {
            return KeyClass::Record { kind, id };
        }
    }
    KeyClass::Other
}

/// Reads the record stored under `key` (a record key), in either form (version 3, or version
/// 2 JSON), or says precisely why it cannot.
pub fn parse_record(key: &str, raw: &str) -> Result<Record, String> {
    let KeyClass::Record { kind, id } = classify(key) else {
        return Err(format!("\"{key}\" is not a record key"));
    };
    let record = if stored::is_v3(raw) {
        stored::parse(kind, id, raw)?
    } else {
        parse_v2(kind, id, raw)?
    };
    record.validate()?;
    Ok(record)
}

/// A version 2 value: the record's serde JSON, which names its id (or slug) too.
fn parse_v2(kind: RecordKind, id: &str, raw: &str) -> Result<Record, String> {
    let record = match kind {
        RecordKind::Highlight => serde_json::from_str::<Highlight>(raw).map(Record::Highlight),
        RecordKind::Bookmark => serde_json::from_str::<Bookmark>(raw).map(Record::Bookmark),
        RecordKind::Saved => serde_json::from_str::<SavedArticle>(raw).map(Record::Saved),
        RecordKind::Position => serde_json::from_str::<ReadingPosition>(raw).map(Record::Position),
    }
    .map_err(json_reason)?;
    if record.id() != id {
        return Err(format!(
            "it names {} \"{}\" but is stored under \"{id}\"",
            if matches!(kind, RecordKind::Saved | RecordKind::Position) {
                "article"
            } else {
                "id"
            },
            record.id()
        ));
    }
    Ok(record)
}

/// A serde_json error as a reason: unreadable JSON, or JSON of the wrong shape.
pub fn json_reason(e: serde_json::Error) -> String {
    match e.classify() {
        Category::Syntax | Category::Eof => format!("it is not valid JSON ({e})"),
        Category::Data => format!("it does not have the expected fields ({e})"),
        Category::Io => format!("it could not be read ({e})"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::fixtures::highlight;

    #[test]
    fn keys_are_classified() {
        assert_eq!(classify("reader:meta"), KeyClass::Meta);
        assert_eq!(classify("reader:annotations"), KeyClass::Legacy);
        assert_eq!(
            classify("reader:hl:h-1"),
            KeyClass::Record {
                kind: RecordKind::Highlight,
                id: "h-1"
            }
        );
        assert_eq!(
            classify("reader:backup:12:reader:hl:h-1"),
            KeyClass::Backup {
                n: 12,
                original: "reader:hl:h-1"
            }
        );
        assert_eq!(
            classify(&backup_key(3, "reader:meta")),
            KeyClass::Backup {
                n: 3,
                original: "reader:meta"
            }
        );
        assert_eq!(classify("reader:theme"), KeyClass::Other);
        assert_eq!(classify("other:hl:x"), KeyClass::Other);
        assert_eq!(classify("reader:backup:x:y"), KeyClass::Other);
    }

    #[test]
    fn meta_round_trips_and_rejects_nonsense() {
        assert_eq!(parse_meta(&meta_json()), Ok(SCHEMA_VERSION));
        assert_eq!(parse_meta(r#"{"version":7,"extra":true}"#), Ok(7));
        assert!(parse_meta("{").unwrap_err().contains("not valid JSON"));
        assert!(parse_meta("{}").unwrap_err().contains("no \"version\""));
        assert!(parse_meta(r#"{"version":"2"}"#)
            .unwrap_err()
            .contains("whole number"));
        assert!(parse_meta(r#"{"version":0}"#).is_err());
    }

    #[test]
    fn records_parse_with_precise_reasons() {
        let h = Record::Highlight(highlight("h-1"));
        let v2 = serde_json::to_string(&highlight("h-1")).unwrap();
        assert_eq!(parse_record("reader:hl:h-1", &h.to_stored()), Ok(h.clone()));
        assert_eq!(parse_record("reader:hl:h-1", &v2), Ok(h.clone()));
        assert!(parse_record("reader:hl:h-1", "{not json")
            .unwrap_err()
            .starts_with("it is not valid JSON"));
        assert!(parse_record("reader:hl:h-1", "~\u{D7FF}")
            .unwrap_err()
            .starts_with("it is not valid packed data"));
        let wrong = parse_record("reader:hl:h-1", r#"{"id":"h-1","article":5}"#).unwrap_err();
        assert!(
            wrong.starts_with("it does not have the expected fields"),
            "{wrong}"
        );
        let moved = parse_record("reader:hl:h-2", &v2).unwrap_err();
        assert_eq!(moved, "it names id \"h-1\" but is stored under \"h-2\"");
        let saved = parse_record(
            "reader:saved:a",
            r#"{"article":"b","saved_at":"2026-11-28T13:05:00.000Z"}"#,
        );
        assert!(saved.unwrap_err().contains("article \"b\""));
        let mut inverted = highlight("h-1");
        inverted.selectors.position.start = 11;
        let inverted = Record::Highlight(inverted).to_stored();
        assert!(parse_record("reader:hl:h-1", &inverted)
            .unwrap_err()
            .contains("starts after"));
    }
}

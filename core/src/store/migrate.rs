//! Migrations of older stored data to [`SCHEMA_VERSION`].
//!
//! Version 1 kept every highlight in one key, `reader:annotations`:
//!
//! ```json
//! {"version":1,"highlights":[{"id":"h1","slug":"an-article","quote":"words","prefix":"some ",
//!   "suffix":" here","start":5,"end":10,"colour":"yellow","note":"","created":"2026-…Z"}]}
//! ```
//!
//! `reader:meta` is written first (so an older copy of the app never mistakes the new records
//! for damaged ones); then each highlight becomes a record (`modified` = `created`, no text
//! hash), merged with any stored record of the same id (the later wins) and written under its
//! own key in the current form; only when all of that succeeded is the old blob moved to a
//! backup key. If any write fails the blob stays where it is, so nothing is lost, and the
//! migration runs again on the next start (it is idempotent).
//!
//! Version 2 stored each record under its own key as the record's serde JSON
//! (`{"id":…,"article":…,"selectors":{…},…}`); version 3 stores a compact, packed form
//! ([`super::stored`]). Version 2 values need no conversion step to be read:
//! [`schema::parse_record`] reads both forms. When the store opens, every value still in the
//! version 2 form is rewritten in the version 3 form (`Store::open`, after `reader:meta` says
//! 3). The new value is always shorter than the old one, so this cannot run out of room; if a
//! write fails anyway, the version 2 value stays, still reads, and is rewritten next time.

use serde::Deserialize;

use super::kv::{KeyValue, StoreError};
use super::records::{Color, Highlight, Record};
use super::schema::{self, json_reason, LEGACY_KEY, META_KEY, SCHEMA_VERSION};
use super::state::{Annotations, MergeOutcome};
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
    fn upgrade(self) -> Highlight {
        Highlight {
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
            modified: self.created.clone(),
            created: self.created,
        }
    }
}

/// A version 1 blob, read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct V1Data {
    pub highlights: Vec<Highlight>,
    /// Why each unreadable entry could not be read (the blob itself is kept aside).
    pub unreadable: Vec<String>,
}

/// Reads a version 1 blob; entries that cannot be read are listed, the rest kept.
pub fn parse_v1(raw: &str) -> Result<V1Data, String> {
    let value: serde_json::Value = serde_json::from_str(raw).map_err(json_reason)?;
    match value.get("version").and_then(serde_json::Value::as_u64) {
        Some(1) => {}
        Some(v) => {
            return Err(format!(
                "it says version {v}, but this key only ever held version 1"
            ))
        }
        None => return Err("it has no version number".into()),
    }
    let entries = value
        .get("highlights")
        .and_then(serde_json::Value::as_array)
        .ok_or("it has no list of highlights")?;
    let mut data = V1Data {
        highlights: Vec::new(),
        unreadable: Vec::new(),
    };
    for (i, entry) in entries.iter().enumerate() {
        let parsed = V1Highlight::deserialize(entry)
            .map_err(|e| format!("it does not have the expected fields ({e})"))
            .map(V1Highlight::upgrade)
            .and_then(|h| {
                Record::Highlight(h.clone()).validate()?;
                Ok(h)
            });
        match parsed {
            Ok(h) => data.highlights.push(h),
            Err(why) => data.unreadable.push(format!("highlight {}: {why}", i + 1)),
        }
    }
    Ok(data)
}

/// How a version 1 migration went.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Migrated {
    /// Every highlight is stored as a record of this version; the blob is at `backup_key`.
    Done {
        highlights: usize,
        unreadable: Vec<String>,
        backup_key: String,
    },
    /// The highlights are in memory but a write failed; the blob was left untouched.
    Incomplete {
        error: StoreError,
        unreadable: Vec<String>,
    },
    /// The blob cannot be read at all; the caller keeps it aside.
    Unreadable(String),
}

/// Migrates the version 1 blob `raw` into `state` and `kv`, moving it to `backup_key` last.
pub fn migrate_v1<K: KeyValue>(
    kv: &mut K,
    state: &mut Annotations,
    raw: &str,
    backup_key: &str,
) -> Migrated {
    let data = match parse_v1(raw) {
        Ok(data) => data,
        Err(why) => return Migrated::Unreadable(why),
    };
    let count = data.highlights.len();
    let mut failed = kv.set(META_KEY, &schema::meta_json()).err();
    let meta_written = failed.is_none();
    for h in data.highlights {
        let record = Record::Highlight(h);
        let (key, value) = (record.key(), record.to_stored());
        if state.merge(record) == MergeOutcome::Skipped {
            continue; // a newer record is already stored
        }
        if meta_written {
            if let Err(e) = kv.set(&key, &value) {
                failed.get_or_insert(e);
            }
        }
    }
    let finish = || -> Result<(), StoreError> {
        kv.set(backup_key, raw)?;
        kv.remove(LEGACY_KEY)
    };
    match failed.map_or_else(finish, Err) {
        Ok(()) => Migrated::Done {
            highlights: count,
            unreadable: data.unreadable,
            backup_key: backup_key.to_string(),
        },
        Err(error) => Migrated::Incomplete {
            error,
            unreadable: data.unreadable,
        },
    }
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
    use crate::store::kv::MemoryKv;

    const BLOB: &str = r#"{"version":1,"highlights":[
        {"id":"h1","slug":"a","quote":"words","prefix":"p","suffix":"s","start":5,"end":10,
         "colour":"Pink","note":"<b>n</b>","created":"2025-01-02T03:04:05.000Z"},
        {"id":"h2","slug":"a","quote":"more","start":1,"end":5,"created":"2025-01-03T00:00:00.000Z"},
        {"id":"h3","slug":"a","start":1}
    ]}"#;

    #[test]
    fn version_1_highlights_are_upgraded() {
        let data = parse_v1(BLOB).unwrap();
        assert_eq!(data.highlights.len(), 2);
        let h = &data.highlights[0];
        assert_eq!(h.article, "a");
        assert_eq!(h.color, Color::Pink);
        assert_eq!(h.note, "<b>n</b>");
        assert_eq!(h.modified, h.created);
        assert_eq!(h.selectors.text_hash, "");
        assert_eq!(
            h.selectors.position,
            TextPositionSelector { start: 5, end: 10 }
        );
        assert_eq!(data.highlights[1].color, Color::Yellow);
        assert_eq!(data.unreadable.len(), 1);
        assert!(data.unreadable[0].starts_with("highlight 3:"));
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
    fn migration_moves_the_blob_only_after_every_write() {
        let mut kv = MemoryKv::new();
        kv.insert_raw(LEGACY_KEY, BLOB);
        let mut state = Annotations::default();
        let outcome = migrate_v1(
            &mut kv,
            &mut state,
            BLOB,
            "reader:backup:1:reader:annotations",
        );
        assert!(matches!(outcome, Migrated::Done { highlights: 2, .. }));
        let stored = kv.snapshot();
        assert!(stored.contains_key("reader:hl:h1") && stored.contains_key("reader:hl:h2"));
        assert_eq!(stored["reader:meta"], r#"{"version":3}"#);
        assert!(stored["reader:hl:h1"].starts_with(crate::store::stored::PACKED));
        assert_eq!(stored["reader:backup:1:reader:annotations"], BLOB);
        assert!(!stored.contains_key(LEGACY_KEY));
    }

    #[test]
    fn failed_writes_leave_the_blob() {
        let mut kv = MemoryKv::new();
        kv.insert_raw(LEGACY_KEY, BLOB);
        kv.set_capacity(Some(kv.used_bytes() + 100));
        let mut state = Annotations::default();
        let outcome = migrate_v1(
            &mut kv,
            &mut state,
            BLOB,
            "reader:backup:1:reader:annotations",
        );
        assert!(matches!(
            outcome,
            Migrated::Incomplete {
                error: StoreError::QuotaExceeded,
                ..
            }
        ));
        assert_eq!(kv.get_raw(LEGACY_KEY).as_deref(), Some(BLOB));
        assert_eq!(state.highlights.len(), 2, "kept in memory");
    }
}

//! The store's key space in `localStorage`: every key under the `reader:` prefix, one record
//! per key.
//!
//! | key                                  | value                                   |
//! |--------------------------------------|-----------------------------------------|
//! | `reader:meta`                        | `{"version":3}`                         |
//! | `reader:hl:<id>`                     | a highlight                             |
//! | `reader:bm:<id>`                     | a bookmark                              |
//! | `reader:saved:<slug>`                | a reading-list entry                    |
//! | `reader:pos:<slug>`                  | a reading position                      |
//! | `reader:backup:<n>:<original key>`   | raw text kept aside (unreadable data, or a migrated original) |
//! | `reader:annotations`                 | version 1's single blob (migrated)      |
//!
//! Values are [`super::codec`]'s. Other `reader:` keys are not the store's and are left alone,
//! but for the articles' early drawings (`reader:early:<slug>`, [`crate::early`]), which the
//! store removes when they no longer show the highlights as they are.
//! `docs/storage.md` has the shapes.

use super::codec::{self, Problem};
use super::records::{Record, RecordKind};

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

impl RecordKind {
    /// The storage key of the record of this kind with this id.
    pub fn key(self, id: &str) -> String {
        format!("{}{id}", key_prefix(self))
    }
}

impl Record {
    /// Its storage key, e.g. `reader:hl:<id>`.
    pub fn key(&self) -> String {
        self.kind().key(self.id())
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

/// Reads the record stored under `key` (a record key), in either form, or says precisely why
/// it cannot; `None` if `key` is not a record key.
pub fn parse_record(key: &str, raw: &str) -> Option<Result<Record, Problem>> {
    match classify(key) {
        KeyClass::Record { kind, id } => Some(codec::decode(kind, id, raw)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::fixtures::highlight;
    use crate::store::records::SavedArticle;

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
    fn keys_are_per_kind_and_id() {
        let h = Record::Highlight(highlight("h-1"));
        assert_eq!(h.key(), "reader:hl:h-1");
        let s = Record::Saved(SavedArticle {
            article: "slug".into(),
            saved_at: "t".into(),
        });
        assert_eq!(s.key(), "reader:saved:slug");
        assert_eq!(RecordKind::Position.key("slug"), "reader:pos:slug");
        assert_eq!(RecordKind::Bookmark.key("b-1"), "reader:bm:b-1");
        assert_eq!(parse_record("reader:meta", "{}"), None);
        assert_eq!(parse_record(&h.key(), &h.to_stored()), Some(Ok(h)));
    }
}

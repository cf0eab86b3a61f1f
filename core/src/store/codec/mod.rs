//! How records are written as stored values, and read back: the version 3 form
//! ([`compact`]: compact JSON, [`packed`] 15 bits a character), the version 2 form (the
//! record's serde JSON, still read: [`v2`]), the value of `reader:meta`, and version 1's blob ([`v1`]).
//! A value that cannot be read says why as a [`Problem`].
//!
//! | Version | A record's value |
//! |---|---|
//! | 1 | none: one blob, `reader:annotations`, held every highlight ([`v1`]) |
//! | 2 | the record's serde JSON, `{"id":…,"article":…,"selectors":{…},…}` |
//! | 3 | one marker character, then the compact JSON packed, or as it is when that is shorter |
//!
//! Version 2 values start with `{`, version 3 values with `~` or `=`, so [`decode`] reads
//! either. The store rewrites version 2 values in the version 3 form when it opens; a new
//! value is always shorter than the old one.

mod compact;
pub mod packed;
pub mod v1;
mod v2;

use serde_json::error::Category;

pub use compact::{is_v3, PACKED, PLAIN};

use super::records::{Invalid, Record, RecordKind};

/// The version this code reads and writes. Version 1 was a single blob; version 2 stored
/// each record's serde JSON; version 3 its compact, packed form.
pub const SCHEMA_VERSION: u32 = 3;

// Version 1 → current: `handle/migrate.rs`. Version 2 → 3: version 2 values are read as they
// are and rewritten when the store opens.
const _: () = assert!(
    SCHEMA_VERSION == 3,
    "add the migration from the previous version"
);

/// Why a stored value cannot be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Problem {
    /// Not JSON (the parser's words).
    NotJson(String),
    /// JSON, but not of the expected shape (the parser's words).
    WrongShape(String),
    /// A character outside the packed range, bad padding, bytes that are not UTF-8.
    NotPacked(String),
    /// A version 2 value naming another record than its key does.
    NamesAnother { named: String, key: String },
    /// Read, but not a valid record.
    Invalid(Invalid),
    /// `reader:meta` without a version.
    NoVersion,
    /// `reader:meta` whose version is not a whole number.
    VersionNotNumber,
    /// `reader:meta` naming a version that cannot exist (0, or beyond any).
    NoSuchVersion(u64),
    /// Version 1's blob saying another version.
    NotVersion1(u64),
    /// Version 1's blob without its list of highlights.
    NoHighlightList,
}

impl From<crate::fields::Misread> for Problem {
    fn from(crate::fields::Misread(why): crate::fields::Misread) -> Self {
        Problem::WrongShape(why)
    }
}

/// The value stored for `record` (version 3).
pub fn encode(record: &Record) -> String {
    compact::value(record)
}

impl Record {
    /// The value stored for this record (version 3: compact, packed).
    pub fn to_stored(&self) -> String {
        encode(self)
    }
}

/// Reads the value `raw` of the record of `kind` with `id` (from its key), in either form
/// (version 3 or 2), and checks it is valid.
pub fn decode(kind: RecordKind, id: &str, raw: &str) -> Result<Record, Problem> {
    let record = if is_v3(raw) {
        compact::parse(kind, id, raw)?
    } else {
        v2::parse(kind, id, raw)?
    };
    record.validate().map_err(Problem::Invalid)?;
    Ok(record)
}

/// The value of `reader:meta` for this version.
pub fn meta_json() -> String {
    format!("{{\"version\":{SCHEMA_VERSION}}}")
}

/// The version recorded in a `reader:meta` value.
pub fn decode_meta(raw: &str) -> Result<u32, Problem> {
    let value: serde_json::Value = serde_json::from_str(raw).map_err(json_problem)?;
    let version = value
        .get("version")
        .ok_or(Problem::NoVersion)?
        .as_u64()
        .ok_or(Problem::VersionNotNumber)?;
    match u32::try_from(version) {
        Ok(v) if v >= 1 => Ok(v),
        _ => Err(Problem::NoSuchVersion(version)),
    }
}

/// A serde_json error as a problem: unreadable JSON, or JSON of the wrong shape.
pub(crate) fn json_problem(e: serde_json::Error) -> Problem {
    match e.classify() {
        Category::Syntax | Category::Eof | Category::Io => Problem::NotJson(e.to_string()),
        Category::Data => Problem::WrongShape(e.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::fixtures::highlight;

    #[test]
    fn meta_round_trips_and_rejects_nonsense() {
        assert_eq!(decode_meta(&meta_json()), Ok(SCHEMA_VERSION));
        assert_eq!(decode_meta(r#"{"version":7,"extra":true}"#), Ok(7));
        assert!(matches!(decode_meta("{"), Err(Problem::NotJson(_))));
        assert_eq!(decode_meta("{}"), Err(Problem::NoVersion));
        assert_eq!(
            decode_meta(r#"{"version":"2"}"#),
            Err(Problem::VersionNotNumber)
        );
        assert_eq!(
            decode_meta(r#"{"version":0}"#),
            Err(Problem::NoSuchVersion(0))
        );
    }

    #[test]
    fn records_decode_in_either_form_with_precise_problems() {
        let h = Record::Highlight(highlight("h-1"));
        let v2 = serde_json::to_string(&highlight("h-1")).unwrap();
        let kind = RecordKind::Highlight;
        assert_eq!(decode(kind, "h-1", &h.to_stored()), Ok(h.clone()));
        assert_eq!(decode(kind, "h-1", &v2), Ok(h.clone()));
        assert!(matches!(
            decode(kind, "h-1", "{not json"),
            Err(Problem::NotJson(_))
        ));
        assert!(matches!(
            decode(kind, "h-1", "~\u{D7FF}"),
            Err(Problem::NotPacked(_))
        ));
        assert!(matches!(
            decode(kind, "h-1", r#"{"id":"h-1","article":5}"#),
            Err(Problem::WrongShape(_))
        ));
        assert_eq!(
            decode(kind, "h-2", &v2),
            Err(Problem::NamesAnother {
                named: "h-1".into(),
                key: "h-2".into()
            })
        );
        let saved = decode(
            RecordKind::Saved,
            "a",
            r#"{"article":"b","saved_at":"2026-11-28T13:05:00.000Z"}"#,
        );
        assert!(matches!(saved, Err(Problem::NamesAnother { .. })));
        let mut inverted = highlight("h-1");
        inverted.selectors.position.start = 11;
        let inverted = Record::Highlight(inverted).to_stored();
        assert_eq!(
            decode(kind, "h-1", &inverted),
            Err(Problem::Invalid(Invalid::Inverted { start: 11, end: 10 }))
        );
    }
}

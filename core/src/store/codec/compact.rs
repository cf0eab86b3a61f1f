//! The stored value of a record, version 3: compact JSON, packed.
//!
//! The key already names the record (`reader:hl:<id>`, `reader:saved:<slug>`…), so the value
//! does not repeat its id (or slug), and the fields have one-letter names:
//!
//! | record | compact JSON |
//! |---|---|
//! | highlight | `{"a":slug,"x":exact,"p":prefix,"s":suffix,"o":[start,end],"h":text_hash,"c":colour,"n":note,"k":key_fact,"t":[created,modified]}` |
//! | bookmark | `{"a":slug,"b":block,"l":label,"q":excerpt,"t":[created,modified]}` |
//! | reading-list entry | `{"t":saved_at}` |
//! | reading position | `{"b":block,"t":updated}` |
//!
//! Empty `p`, `s`, `h`, `n`, `l`, `q`, the colour yellow and `k` of a highlight not pinned as
//! a key fact are left out (`"k":""` is a key fact without a statement of its own); code that
//! came before `k` reads the rest of such a value as it did. The value is then one
//! marker character and either
//!
//! - [`PACKED`] (`~`) and the JSON's UTF-8 bytes packed 15 bits per character
//!   ([`super::packed`]): about 8/15 of the JSON's length; or
//! - [`PLAIN`] (`=`) and the JSON itself, when that is shorter (text that is mostly non-Latin,
//!   e.g. Chinese, takes 3 UTF-8 bytes per character, 1.6 packed characters).
//!
//! Whichever is shorter is written, so a version 3 value is always shorter than the version 2
//! JSON of the same record. Version 2 values start with `{`, so the two are told apart by
//! the first character ([`is_v3`]).
//!
//! Written with serde's derived serializers; read field by field, with the reader version 2
//! values need anyway ([`super::v2`]'s `Fields`): the derived deserializers of the four
//! compact records cost the main module 10.6 KB raw, 2.5 KB brotli, and are kept only for the
//! tests, which hold the reader against them.

use std::borrow::Cow;

use serde::Serialize;
use serde_json::Value;

use super::packed;
use super::{json_problem, Problem};
use crate::anchoring::{Selectors, TextPositionSelector, TextQuoteSelector};
use crate::fields::{text, whole, Fields};
use crate::store::records::{
    Bookmark, Color, Highlight, ReadingPosition, Record, RecordKind, SavedArticle,
};

/// Marks a packed value.
pub const PACKED: char = '~';
/// Marks a value holding the compact JSON as it is.
pub const PLAIN: char = '=';

/// Whether `raw` is a version 3 value (else it is version 2 JSON, or unreadable).
pub fn is_v3(raw: &str) -> bool {
    raw.starts_with([PACKED, PLAIN])
}

/// The stored value of `record`.
pub fn value(record: &Record) -> String {
    let json = compact_json(record);
    let packed = packed::pack(&json);
    // Packed characters are all in the Basic Multilingual Plane: one UTF-16 unit each.
    if packed.chars().count() < json.encode_utf16().count() {
        format!("{PACKED}{packed}")
    } else {
        format!("{PLAIN}{json}")
    }
}

/// Reads the version 3 value `raw` of the record of `kind` whose key names `id`.
pub fn parse(kind: RecordKind, id: &str, raw: &str) -> Result<Record, Problem> {
    let json = if let Some(rest) = raw.strip_prefix(PACKED) {
        Cow::Owned(packed::unpack(rest).map_err(|e| Problem::NotPacked(e.to_string()))?)
    } else if let Some(rest) = raw.strip_prefix(PLAIN) {
        Cow::Borrowed(rest)
    } else {
        return Err(Problem::NotJson("not a version 3 value".into()));
    };
    let value: Value = serde_json::from_str(&json).map_err(json_problem)?;
    let o = Fields::of(&value, "the record")?;
    let id = id.to_string();
    // In the order of the compact fields, so that a problem is named as serde would name it.
    Ok(match kind {
        RecordKind::Highlight => {
            let article = o.text("a")?;
            let exact = o.text("x")?;
            let prefix = o.text_or_empty("p")?;
            let suffix = o.text_or_empty("s")?;
            let (start, end) = o.pair("o", whole)?;
            let text_hash = o.text_or_empty("h")?;
            let color = o.color_or_yellow("c")?;
            let note = o.text_or_empty("n")?;
            let fact = o.text_or_none("k")?;
            let (created, modified) = o.pair("t", text)?;
            Record::Highlight(Highlight {
                id,
                article,
                selectors: Selectors {
                    quote: TextQuoteSelector {
                        exact,
                        prefix,
                        suffix,
                    },
                    position: TextPositionSelector { start, end },
                    text_hash,
                },
                color,
                note,
                fact,
                created,
                modified,
            })
        }
        RecordKind::Bookmark => {
            let article = o.text("a")?;
            let block = o.number("b")?;
            let label = o.text_or_empty("l")?;
            let excerpt = o.text_or_empty("q")?;
            let (created, modified) = o.pair("t", text)?;
            Record::Bookmark(Bookmark {
                id,
                article,
                block,
                label,
                excerpt,
                created,
                modified,
            })
        }
        RecordKind::Saved => Record::Saved(SavedArticle {
            article: id,
            saved_at: o.text("t")?,
        }),
        RecordKind::Position => Record::Position(ReadingPosition {
            article: id,
            block: o.number("b")?,
            updated: o.text("t")?,
        }),
    })
}

fn compact_json(record: &Record) -> String {
    let json = match record {
        Record::Highlight(h) => serde_json::to_string(&CompactHighlight::from(h)),
        Record::Bookmark(b) => serde_json::to_string(&CompactBookmark::from(b)),
        Record::Saved(s) => serde_json::to_string(&CompactSaved {
            t: s.saved_at.clone(),
        }),
        Record::Position(p) => serde_json::to_string(&CompactPosition {
            b: p.block,
            t: p.updated.clone(),
        }),
    };
    json.expect("records serialize")
}

#[derive(Serialize)]
#[cfg_attr(test, derive(serde::Deserialize))]
struct CompactHighlight {
    a: String,
    x: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    p: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    s: String,
    o: (usize, usize),
    #[serde(default, skip_serializing_if = "String::is_empty")]
    h: String,
    #[serde(default, skip_serializing_if = "is_yellow")]
    c: Color,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    n: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    k: Option<String>,
    t: (String, String),
}

fn is_yellow(c: &Color) -> bool {
    *c == Color::Yellow
}

impl From<&Highlight> for CompactHighlight {
    fn from(h: &Highlight) -> Self {
        let s = &h.selectors;
        CompactHighlight {
            a: h.article.clone(),
            x: s.quote.exact.clone(),
            p: s.quote.prefix.clone(),
            s: s.quote.suffix.clone(),
            o: (s.position.start, s.position.end),
            h: s.text_hash.clone(),
            c: h.color,
            n: h.note.clone(),
            k: h.fact.clone(),
            t: (h.created.clone(), h.modified.clone()),
        }
    }
}

/// What the derived deserializer made of a value (the reader `parse` replaced): the tests hold
/// `parse` against it.
#[cfg(test)]
impl CompactHighlight {
    fn into(self, id: String) -> Highlight {
        Highlight {
            id,
            article: self.a,
            selectors: Selectors {
                quote: TextQuoteSelector {
                    exact: self.x,
                    prefix: self.p,
                    suffix: self.s,
                },
                position: TextPositionSelector {
                    start: self.o.0,
                    end: self.o.1,
                },
                text_hash: self.h,
            },
            color: self.c,
            note: self.n,
            fact: self.k,
            created: self.t.0,
            modified: self.t.1,
        }
    }
}

#[derive(Serialize)]
#[cfg_attr(test, derive(serde::Deserialize))]
struct CompactBookmark {
    a: String,
    b: usize,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    l: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    q: String,
    t: (String, String),
}

impl From<&Bookmark> for CompactBookmark {
    fn from(b: &Bookmark) -> Self {
        CompactBookmark {
            a: b.article.clone(),
            b: b.block,
            l: b.label.clone(),
            q: b.excerpt.clone(),
            t: (b.created.clone(), b.modified.clone()),
        }
    }
}

#[cfg(test)]
impl CompactBookmark {
    fn into(self, id: String) -> Bookmark {
        Bookmark {
            id,
            article: self.a,
            block: self.b,
            label: self.l,
            excerpt: self.q,
            created: self.t.0,
            modified: self.t.1,
        }
    }
}

#[derive(Serialize)]
#[cfg_attr(test, derive(serde::Deserialize))]
struct CompactSaved {
    t: String,
}

#[derive(Serialize)]
#[cfg_attr(test, derive(serde::Deserialize))]
struct CompactPosition {
    b: usize,
    t: String,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::fixtures::{bookmark, highlight, T0, T1};

    fn round_trip(record: Record) -> String {
        let raw = value(&record);
        assert!(is_v3(&raw), "{raw}");
        assert_eq!(parse(record.kind(), record.id(), &raw), Ok(record));
        raw
    }

    #[test]
    fn compact_json_leaves_out_the_id_and_defaults() {
        let mut h = highlight("h-1");
        h.color = Color::Yellow;
        h.modified = T1.into();
        assert_eq!(
            compact_json(&Record::Highlight(h.clone())),
            format!(
                r#"{{"a":"an-article","x":"words","p":"some ","s":" here","o":[5,10],"h":"abc","t":["{T0}","{T1}"]}}"#
            )
        );
        h.color = Color::Pink;
        h.note = "a note".into();
        h.selectors.quote.prefix.clear();
        h.selectors.text_hash.clear();
        assert_eq!(
            compact_json(&Record::Highlight(h)),
            format!(
                r#"{{"a":"an-article","x":"words","s":" here","o":[5,10],"c":"pink","n":"a note","t":["{T0}","{T1}"]}}"#
            )
        );
        assert_eq!(
            compact_json(&Record::Bookmark(bookmark("b-1"))),
            format!(r#"{{"a":"an-article","b":3,"t":["{T0}","{T0}"]}}"#)
        );
    }

    #[test]
    fn every_kind_round_trips() {
        let mut h = highlight("h-1");
        h.note = "Note with \"quotes\", <b>HTML</b>, é and 😀\nand a new line".into();
        let packed = round_trip(Record::Highlight(h));
        assert!(packed.starts_with(PACKED));
        let mut b = bookmark("b-1");
        b.label = "a label".into();
        round_trip(Record::Bookmark(b));
        round_trip(Record::Saved(SavedArticle {
            article: "an-article".into(),
            saved_at: T0.into(),
        }));
        round_trip(Record::Position(ReadingPosition {
            article: "an-article".into(),
            block: 12,
            updated: T1.into(),
        }));
    }

    #[test]
    fn a_key_fact_keeps_its_statement_or_its_lack_of_one() {
        let mut h = highlight("h-1");
        h.fact = Some(String::new());
        assert!(compact_json(&Record::Highlight(h.clone())).contains(r#""k":"","t""#));
        round_trip(Record::Highlight(h.clone()));
        h.fact = Some("Defectors face labour camps".into());
        round_trip(Record::Highlight(h.clone()));
        // A value written before key facts existed reads as a highlight only.
        h.fact = None;
        let json = compact_json(&Record::Highlight(h.clone()));
        assert!(!json.contains(r#""k""#), "{json}");
        assert_eq!(
            parse(RecordKind::Highlight, "h-1", &format!("{PLAIN}{json}")),
            Ok(Record::Highlight(h))
        );
    }

    #[test]
    fn mostly_chinese_text_is_stored_plain_because_that_is_shorter() {
        let mut h = highlight("h-1");
        h.selectors.quote.exact = "北韩脱北者在中国被捕".repeat(12);
        let raw = round_trip(Record::Highlight(h.clone()));
        assert!(raw.starts_with(PLAIN), "{raw}");
        let v2 = serde_json::to_string(&h).unwrap();
        assert!(raw.encode_utf16().count() < v2.encode_utf16().count());
    }

    #[test]
    fn the_key_gives_the_id() {
        let raw = value(&Record::Highlight(highlight("h-1")));
        let Ok(Record::Highlight(h)) = parse(RecordKind::Highlight, "other", &raw) else {
            panic!("parses");
        };
        assert_eq!(h.id, "other");
    }

    #[test]
    fn unreadable_values_say_why() {
        let packed = parse(RecordKind::Highlight, "h", "~\u{1}").unwrap_err();
        assert!(matches!(packed, Problem::NotPacked(_)), "{packed:?}");
        let json = parse(RecordKind::Highlight, "h", "={").unwrap_err();
        assert!(matches!(json, Problem::NotJson(_)), "{json:?}");
        let shape = parse(RecordKind::Bookmark, "b", r#"={"a":"x"}"#).unwrap_err();
        assert!(matches!(shape, Problem::WrongShape(_)), "{shape:?}");
        let not_json = format!("{PACKED}{}", packed::pack("not json"));
        assert!(matches!(
            parse(RecordKind::Saved, "s", &not_json),
            Err(Problem::NotJson(_))
        ));
        assert!(parse(RecordKind::Saved, "s", "{}").is_err());
    }

    /// What the derived deserializers make of the compact JSON `json`.
    fn by_serde(kind: RecordKind, id: &str, json: &str) -> Option<Record> {
        let id = id.to_string();
        Some(match kind {
            RecordKind::Highlight => Record::Highlight(
                serde_json::from_str::<CompactHighlight>(json)
                    .ok()?
                    .into(id),
            ),
            RecordKind::Bookmark => {
                Record::Bookmark(serde_json::from_str::<CompactBookmark>(json).ok()?.into(id))
            }
            RecordKind::Saved => Record::Saved(SavedArticle {
                article: id,
                saved_at: serde_json::from_str::<CompactSaved>(json).ok()?.t,
            }),
            RecordKind::Position => {
                let c = serde_json::from_str::<CompactPosition>(json).ok()?;
                Record::Position(ReadingPosition {
                    article: id,
                    block: c.b,
                    updated: c.t,
                })
            }
        })
    }

    #[test]
    fn values_are_read_as_the_derived_deserializers_read_them() {
        use RecordKind::{Bookmark as B, Highlight as H, Position as P, Saved as S};
        let t = r#""t":["2026-01-01T00:00:00.000Z","2026-01-02T00:00:00.000Z"]"#;
        let cases: Vec<(RecordKind, String)> = vec![
            (
                H,
                format!(
                    r#"{{"a":"s","x":"w","p":"p","s":"s","o":[5,10],"h":"abc","c":"pink","n":"n","k":"f",{t}}}"#
                ),
            ),
            (H, format!(r#"{{"a":"s","x":"w","o":[0,1],{t}}}"#)),
            (
                H,
                format!(r#"{{"a":"s","x":"w","o":[0,1],"k":"",{t},"later":{{"a":1}}}}"#),
            ),
            (H, format!(r#"{{"a":"s","x":"w","o":[0,1],"k":null,{t}}}"#)),
            (H, format!(r#"{{"a":"s","x":"w","o":[0,1],"k":3,{t}}}"#)),
            (H, format!(r#"{{"a":"s","x":"w","o":[0,1],"c":"red",{t}}}"#)),
            (H, format!(r#"{{"a":"s","x":"w","o":[0,1],"c":null,{t}}}"#)),
            (H, format!(r#"{{"a":"s","x":"w","o":[0,1],"p":null,{t}}}"#)),
            (H, format!(r#"{{"a":"s","x":"w","o":[0,1,2],{t}}}"#)),
            (H, format!(r#"{{"a":"s","x":"w","o":[0],{t}}}"#)),
            (H, format!(r#"{{"a":"s","x":"w","o":[-1,1],{t}}}"#)),
            (H, format!(r#"{{"a":"s","x":"w","o":[0,1.5],{t}}}"#)),
            (H, format!(r#"{{"a":"s","x":"w","o":{{"0":0,"1":1}},{t}}}"#)),
            (H, r#"{"a":"s","x":"w","o":[0,1],"t":["c"]}"#.into()),
            (H, r#"{"a":"s","x":"w","o":[0,1],"t":["c",2]}"#.into()),
            (H, format!(r#"{{"x":"w","o":[0,1],{t}}}"#)),
            (H, format!(r#"{{"a":5,"x":"w","o":[0,1],{t}}}"#)),
            (H, r#"["s","w"]"#.into()),
            (
                B,
                format!(r#"{{"a":"s","b":3,"l":"label","q":"words",{t}}}"#),
            ),
            (B, format!(r#"{{"a":"s","b":3,{t}}}"#)),
            (B, format!(r#"{{"a":"s","b":"3",{t}}}"#)),
            (B, format!(r#"{{"a":"s",{t}}}"#)),
            (S, r#"{"t":"2026-01-01T00:00:00.000Z"}"#.into()),
            (S, r#"{"t":1}"#.into()),
            (S, "{}".into()),
            (S, "null".into()),
            (P, r#"{"b":12,"t":"2026-01-01T00:00:00.000Z"}"#.into()),
            (P, r#"{"b":12}"#.into()),
            (P, r#"{"b":4294967296,"t":"x"}"#.into()),
        ];
        let mut read = 0;
        for (kind, json) in &cases {
            let ours = parse(*kind, "id-1", &format!("{PLAIN}{json}"));
            assert_eq!(ours.clone().ok(), by_serde(*kind, "id-1", json), "{json}");
            // A value that does not read is of the wrong shape (it is JSON).
            if let Err(problem) = ours {
                assert!(
                    matches!(problem, Problem::WrongShape(_)),
                    "{json}: {problem:?}"
                );
            } else {
                read += 1;
            }
        }
        // (The last position reads natively, where a `usize` holds it, as serde's does.)
        assert_eq!(read, 9, "the cases that read");
        // A problem names the field serde would name.
        assert_eq!(
            parse(B, "b", &format!(r#"{PLAIN}{{"a":"s",{t}}}"#)),
            Err(Problem::WrongShape("missing field `b`".into()))
        );
    }
}

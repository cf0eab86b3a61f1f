//! The library's files (the index, an article, a reader's entry) read field by field
//! ([`crate::fields`]) rather than by their derived deserializers, which cost the main module
//! more than the reader the stored records already need. They take what the derived
//! deserializers take from any JSON object (unknown fields ignored, the same defaults for fields
//! left out, the same ranges for numbers; the tests hold them against the derived ones on every
//! one-field change of a rich article); structs written as JSON arrays, which serde would also
//! take and nothing writes, are refused.

use serde_json::Value;

use super::{Entry, OwnEntry};
use crate::article::{Article, Block, BlockKind, BodyImage, Fact, Marks, Photo, Run};
use crate::fields::{whole, Fields, Read};
use crate::pub_date::PubDate;

pub(super) fn article(value: &Value) -> Read<Article> {
    let o = Fields::of(value, "the article")?;
    Ok(Article {
        slug: o.text("slug")?,
        title: o.text("title")?,
        standfirst: o.text_or_none("standfirst")?,
        byline: o.text("byline")?,
        publication: o.text("publication")?,
        date: o.object("date", date)?,
        source: o.text_or_none("source")?,
        photo: o.object_or_none("photo", photo)?,
        facts: o.objects("facts", fact)?,
        blocks: o.objects("blocks", block)?,
        lang: o.text_or_none("lang")?,
        dir: o.text_or_none("dir")?,
        images: o.list_or_empty("images", |v| {
            let o = Fields::of(v, "an image")?;
            Ok(BodyImage {
                alt: o.text("alt")?,
                src: o.text_or_empty("src")?,
            })
        })?,
    })
}

fn date(o: Fields) -> Read<PubDate> {
    Ok(PubDate {
        year: o.whole("year")?,
        month: o.whole_or_none("month")?,
        day: o.whole_or_none("day")?,
        approximate: o.flag("approximate")?,
    })
}

fn photo(o: Fields) -> Read<Photo> {
    Ok(Photo {
        src: o.text("src")?,
        alt: o.text("alt")?,
        caption: o.text("caption")?,
        credit: o.text("credit")?,
        width: o.whole_or_none("width")?,
        height: o.whole_or_none("height")?,
        stand_in: o.flag("stand_in")?,
    })
}

fn fact(o: Fields) -> Read<Fact> {
    Ok(Fact {
        id: o.whole("id")?,
        topic: o.text_or_none("topic")?,
        text: o.text("text")?,
        quote: o.text("quote")?,
    })
}

fn block(o: Fields) -> Read<Block> {
    Ok(Block {
        kind: o.with("kind", kind, "a kind of block")?,
        runs: o.objects("runs", run)?,
    })
}

/// A block's kind as serde writes an enum: a name (`"Paragraph"`), or an object of one field
/// naming the kind and holding what it carries (`{"Heading":2}`, `{"ListItem":{"ordered":true}}`;
/// serde reads `{"Paragraph":null}` too).
fn kind(value: &Value) -> Option<BlockKind> {
    let plain = |name: &str| match name {
        "Paragraph" => Some(BlockKind::Paragraph),
        "Quote" => Some(BlockKind::Quote),
        "Code" => Some(BlockKind::Code),
        "Rule" => Some(BlockKind::Rule),
        _ => None,
    };
    match value {
        Value::String(name) => plain(name),
        Value::Object(one) if one.len() == 1 => {
            let (name, inner) = one.iter().next()?;
            let field = |name: &str| inner.as_object()?.get(name);
            match name.as_str() {
                "Heading" => whole(inner).map(BlockKind::Heading),
                "ListItem" => field("ordered")?
                    .as_bool()
                    .map(|ordered| BlockKind::ListItem { ordered }),
                "Figure" => whole(field("image")?).map(|image| BlockKind::Figure { image }),
                _ if inner.is_null() => plain(name),
                _ => None,
            }
        }
        _ => None,
    }
}

fn run(o: Fields) -> Read<Run> {
    Ok(Run {
        text: o.text("text")?,
        marks: match o.field("marks") {
            None => Marks::default(),
            Some(_) => o.object("marks", |o| {
                Ok(Marks {
                    em: o.flag("em")?,
                    strong: o.flag("strong")?,
                    code: o.flag("code")?,
                })
            })?,
        },
        link: o.text_or_none("link")?,
        facts: o.list_or_empty("facts", |v| {
            whole(v).ok_or_else(|| crate::fields::Misread(format!("not a fact's number: {v}")))
        })?,
    })
}

pub(super) fn entry(o: Fields) -> Read<Entry> {
    Ok(Entry {
        slug: o.text("slug")?,
        title: o.text("title")?,
        byline: o.text("byline")?,
        publication: o.text("publication")?,
        date: o.object("date", date)?,
        source: o.text_or_none("source")?,
        excerpt: o.text("excerpt")?,
        minutes: o.number("minutes")?,
        blocks: o.number("blocks")?,
        data: o.text("data")?,
    })
}

pub(super) fn own_entry(value: &Value) -> Read<OwnEntry> {
    let o = Fields::of(value, "the entry")?;
    Ok(OwnEntry {
        added: o.with("added", Value::as_f64, "a number")?,
        entry: o.object("entry", entry)?,
        file: o.text_or_none("file")?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fields::mutations;
    use crate::library::{Index, INDEX_VERSION};
    use serde::de::DeserializeOwned;

    /// An article with every field and every kind of block.
    pub(crate) fn rich() -> Article {
        let run = |text: &str| Run {
            text: text.into(),
            ..Run::default()
        };
        let block = |kind, runs| Block { kind, runs };
        Article {
            slug: "own-a".into(),
            title: "A title".into(),
            standfirst: Some("Standfirst".into()),
            byline: "By someone".into(),
            publication: "A paper".into(),
            date: PubDate {
                year: 2026,
                month: Some(12),
                day: Some(3),
                approximate: true,
            },
            source: Some("https://example.com/a".into()),
            photo: Some(Photo {
                src: "images/a.svg".into(),
                alt: "Alt".into(),
                caption: "Caption".into(),
                credit: "Credit".into(),
                width: Some(640),
                height: Some(480),
                stand_in: true,
            }),
            facts: vec![Fact {
                id: 1,
                topic: Some("Who".into()),
                text: "A fact".into(),
                quote: "words".into(),
            }],
            blocks: vec![
                block(
                    BlockKind::Paragraph,
                    vec![
                        Run {
                            text: "words".into(),
                            marks: Marks {
                                em: true,
                                strong: true,
                                code: true,
                            },
                            link: Some("#p-2".into()),
                            facts: vec![1],
                        },
                        run(" plain"),
                    ],
                ),
                block(BlockKind::Heading(2), vec![run("Heading")]),
                block(BlockKind::Quote, vec![run("Quoted")]),
                block(BlockKind::ListItem { ordered: true }, vec![run("Item")]),
                block(BlockKind::Code, vec![run("code")]),
                block(BlockKind::Rule, vec![]),
                block(BlockKind::Figure { image: 0 }, vec![run("Caption")]),
            ],
            lang: Some("he".into()),
            dir: Some("rtl".into()),
            images: vec![BodyImage {
                alt: "An image".into(),
                src: "blob:x".into(),
            }],
        }
    }

    fn own() -> OwnEntry {
        OwnEntry {
            added: 1.5e12,
            entry: crate::library::entry(&rich(), String::new()),
            file: Some("notes.md".into()),
        }
    }

    /// Every one-field change of `value` (and `value` itself, and with a field nobody knows)
    /// read by `ours` and by serde's derived deserializer of `T`: both refuse, or both make the
    /// same thing.
    fn agrees<T: DeserializeOwned + PartialEq + std::fmt::Debug>(
        value: &Value,
        ours: impl Fn(&Value) -> Read<T>,
    ) -> usize {
        let mut tried = 0;
        for mut changed in std::iter::once(value.clone()).chain(mutations(value)) {
            for extra in [false, true] {
                if extra && changed.is_object() {
                    changed["unknown"] = Value::from(1);
                }
                let theirs = serde_json::from_value::<T>(changed.clone()).ok();
                assert_eq!(ours(&changed).ok(), theirs, "{changed}");
                tried += 1;
            }
        }
        tried
    }

    #[test]
    fn agree_with_the_derived_deserializers() {
        let value = serde_json::to_value(rich()).unwrap();
        assert_eq!(article(&value), Ok(rich()));
        assert!(agrees(&value, article) > 1_000);
        // The enum's other forms.
        let mut odd = value.clone();
        odd["blocks"][0]["kind"] = serde_json::json!({"Paragraph": null});
        odd["blocks"][1]["kind"] = serde_json::json!({"Heading": 3});
        odd["blocks"][2]["kind"] = serde_json::json!({"Heading": 2, "Quote": null});
        odd["blocks"][3]["kind"] = serde_json::json!({"ListItem": {"ordered": false, "x": 1}});
        assert!(agrees(&odd, article) > 1_000);
        for kind in ["Heading", "ListItem", "Figure", "Nothing"] {
            odd["blocks"][0]["kind"] = Value::from(kind);
            assert!(article(&odd).is_err());
            assert!(serde_json::from_value::<Article>(odd.clone()).is_err());
        }

        let entry_value = serde_json::to_value(own()).unwrap();
        assert!(agrees(&entry_value, own_entry) > 100);
        let index = serde_json::to_value(Index {
            version: INDEX_VERSION,
            articles: vec![own().entry],
        })
        .unwrap();
        let read_index = |v: &Value| {
            let o = Fields::of(v, "the index")?;
            Ok(Index {
                version: o.whole("version")?,
                articles: o.objects("articles", entry)?,
            })
        };
        assert!(agrees(&index, read_index) > 100);
    }
}

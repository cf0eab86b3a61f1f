//! The three inputs nobody checked before they reach the reader: values in storage, import
//! files, and articles' Markdown. Whatever they hold, nothing panics, nothing stored before is
//! lost, and every placement lies inside the text.
//!
//! The test command runs each property for proptest's default number of cases (256);
//! `./scripts/fuzz.sh` runs them far longer (`PROPTEST_CASES`).

use std::path::Path;

use proptest::prelude::*;
use reader_core::anchoring::{Selectors, TextIndex, TextPositionSelector, TextQuoteSelector};
use reader_core::placement::Placer;
use reader_core::store::keys::parse_record;
use reader_core::store::{
    Bookmark, Color, Highlight, MemoryKv, ReadingPosition, Record, SavedArticle, Store,
};
use serde_json::{json, Value};

const NOW: &str = "2026-11-30T10:00:00.000Z";

fn open(kv: &MemoryKv) -> Store<MemoryKv> {
    Store::open_with_clock(kv.clone(), Box::new(|| NOW.to_string()))
}

/// Text with the characters that matter to the parsers: markup, quotes, controls, non-ASCII.
fn tricky_text() -> BoxedStrategy<String> {
    prop_oneof![
        "[a-z ]{0,12}",
        "[\\[\\]()<>`*_#&!:/\\\\\"'{}=~|\t\n -]{0,16}",
        any::<String>(),
        Just("javascript:alert(1)".to_string()),
        Just("北朝鮮 🙂 é\u{200d}".to_string()),
    ]
    .boxed()
}

fn time() -> BoxedStrategy<String> {
    prop_oneof![
        Just("2025-03-01T10:00:00.000Z".to_string()),
        Just("2026-11-30T09:59:59.999Z".to_string()),
        Just("9999-12-31T23:59:59.999Z".to_string()),
        Just("zzz".to_string()),
        Just(String::new()),
        "20[0-9]{2}-[01][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-5][0-9](\\.[0-9]{3})?(Z|[+-][01][0-9]:[0-5][0-9])",
    ]
    .boxed()
}

fn number() -> impl Strategy<Value = usize> {
    prop_oneof![
        0usize..200,
        Just(usize::MAX),
        Just(1_000_001),
        any::<usize>()
    ]
}

fn record() -> BoxedStrategy<Record> {
    let id = prop_oneof!["[a-z0-9-]{1,8}", tricky_text()];
    let slug = prop_oneof![Just("a-story".to_string()), "[a-z-]{0,6}"];
    prop_oneof![
        (
            id.clone(),
            slug.clone(),
            tricky_text(),
            tricky_text(),
            number(),
            number(),
            tricky_text(),
            time(),
            time()
        )
            .prop_map(
                |(id, article, exact, note, start, end, hash, created, modified)| {
                    Record::Highlight(Highlight {
                        id,
                        article,
                        selectors: Selectors {
                            quote: TextQuoteSelector {
                                exact,
                                prefix: "p".into(),
                                suffix: String::new(),
                            },
                            position: TextPositionSelector { start, end },
                            text_hash: hash,
                        },
                        color: Color::Blue,
                        note,
                        fact: None,
                        created,
                        modified,
                    })
                }
            ),
        (id, slug.clone(), number(), tricky_text(), time()).prop_map(
            |(id, article, block, label, t)| {
                Record::Bookmark(Bookmark {
                    id,
                    article,
                    block,
                    label,
                    excerpt: String::new(),
                    created: t.clone(),
                    modified: t,
                })
            }
        ),
        (slug.clone(), time())
            .prop_map(|(article, saved_at)| Record::Saved(SavedArticle { article, saved_at })),
        (slug, number(), time()).prop_map(|(article, block, updated)| {
            Record::Position(ReadingPosition {
                article,
                block,
                updated,
            })
        }),
    ]
    .boxed()
}

/// A stored key and value: well-formed records (in both forms), damaged ones, and anything.
fn stored_entry() -> BoxedStrategy<(String, String)> {
    prop_oneof![
        4 => record().prop_map(|r| (r.key(), r.to_stored())),
        1 => record().prop_map(|r| {
            let v = r.to_stored();
            let cut = v.char_indices().nth(v.chars().count() / 2).map_or(0, |(i, _)| i);
            (r.key(), v[..cut].to_string())
        }),
        1 => (record(), tricky_text()).prop_map(|(r, v)| (r.key(), format!("~{v}"))),
        1 => (record(), tricky_text()).prop_map(|(r, v)| (r.key(), format!("={v}"))),
        1 => (record(), tricky_text()).prop_map(|(r, v)| (r.key(), v)),
        1 => tricky_text().prop_map(|v| ("reader:meta".to_string(), v)),
        1 => prop_oneof![Just(r#"{"version":3}"#), Just(r#"{"version":1}"#), Just(r#"{"version":2}"#)]
            .prop_map(|v| ("reader:meta".to_string(), v.to_string())),
        1 => (tricky_text(), number()).prop_map(|(v, n)| (format!("reader:backup:{n}:x"), v)),
        1 => prop::collection::vec((tricky_text(), number(), time()), 0..4).prop_map(|entries| {
            let highlights: Vec<Value> = entries
                .into_iter()
                .enumerate()
                .map(|(i, (quote, start, created))| json!({
                    "id": format!("v1-{i}"), "slug": "a-story", "quote": quote,
                    "start": start, "end": start.saturating_add(3), "created": created
                }))
                .collect();
            ("reader:annotations".to_string(), json!({"version": 1, "highlights": highlights}).to_string())
        }),
        1 => (tricky_text(), tricky_text()).prop_map(|(k, v)| (format!("reader:{k}"), v)),
    ]
    .boxed()
}

proptest! {
    #[test]
    fn any_stored_data_opens_and_nothing_readable_or_unreadable_is_lost(
        entries in prop::collection::vec(stored_entry(), 0..12),
        room in prop::option::of(0usize..4000),
    ) {
        let kv = MemoryKv::new();
        for (k, v) in &entries {
            kv.insert_raw(k, v);
        }
        let before = kv.snapshot();
        kv.set_capacity(room.map(|r| kv.used_bytes() + r));
        let store = open(&kv);
        for (key, raw) in &before {
            let Some(Ok(record)) = parse_record(key, raw) else {
                // Unreadable: kept aside, or left where it was.
                if key.starts_with("reader:hl:") || key.starts_with("reader:bm:")
                    || key.starts_with("reader:saved:") || key.starts_with("reader:pos:")
                {
                    let kept = store.quarantined().iter().any(|q| &q.raw == raw);
                    prop_assert!(kept || kv.get_raw(key).as_deref() == Some(raw.as_str()), "{key} lost");
                }
                continue;
            };
            let here = store.state().get(record.kind(), record.id());
            prop_assert!(here.is_some(), "{key} lost");
            let here = here.unwrap();
            prop_assert!(
                here.modified() >= record.modified() || here.modified() == NOW,
                "{key}: {:?} replaced by older {:?}", record, here
            );
        }
        // And again: what one start made of it, the next keeps.
        kv.set_capacity(None);
        let again = open(&kv);
        for record in store.state().records() {
            prop_assert!(again.state().get(record.kind(), record.id()).is_some() || !store.storage_available());
        }
    }
}

fn annotation() -> BoxedStrategy<Value> {
    let source = prop_oneof![
        Just(json!("https://reader.example/articles/a-story")),
        Just(json!("urn:reader:article:a-story")),
        Just(json!("https://elsewhere.example/x")),
        tricky_text().prop_map(Value::from),
        Just(json!(5)),
    ];
    let selector = prop_oneof![
        (tricky_text(), tricky_text())
            .prop_map(|(e, p)| json!({"type": "TextQuoteSelector", "exact": e, "prefix": p})),
        (number(), number())
            .prop_map(|(s, e)| json!({"type": "TextPositionSelector", "start": s, "end": e})),
        Just(json!({"type": "TextPositionSelector", "start": -1, "end": 1.5})),
        number()
            .prop_map(|n| json!({"type": "CssSelector", "value": format!("[data-block=\"{n}\"]")})),
        tricky_text().prop_map(|v| json!({"type": "CssSelector", "value": v})),
        Just(json!(null)),
    ];
    (
        prop_oneof![
            Just(json!("Annotation")),
            Just(json!(["Annotation"])),
            Just(json!("Note")),
            Just(json!(1))
        ],
        prop_oneof![
            tricky_text().prop_map(Value::from),
            Just(json!(null)),
            Just(json!(7)),
            "h-[0-9]".prop_map(Value::from)
        ],
        prop_oneof![
            Just(json!("highlighting")),
            Just(json!("commenting")),
            Just(json!("bookmarking")),
            Just(json!(["tagging"])),
            Just(json!(null))
        ],
        time(),
        time(),
        source,
        prop::collection::vec(selector, 0..4),
        prop_oneof![
            tricky_text().prop_map(|t| json!({"type": "TextualBody", "value": t})),
            Just(json!([{"value": 3}])),
            Just(json!(null))
        ],
        any::<bool>(),
    )
        .prop_map(
            |(kind, id, motivation, created, modified, source, selectors, body, whole)| {
                let target = if whole {
                    source
                } else {
                    json!({"source": source, "selector": selectors, "styleClass": "highlight-pink"})
                };
                json!({"type": kind, "id": id, "motivation": motivation, "created": created,
                   "modified": modified, "body": body, "target": target})
            },
        )
        .boxed()
}

fn import_file() -> BoxedStrategy<String> {
    prop_oneof![
        4 => prop::collection::vec(annotation(), 0..8).prop_map(|items| Value::Array(items).to_string()),
        1 => prop::collection::vec(annotation(), 0..4).prop_map(|items| {
            json!({"type": "AnnotationCollection", "first": {"items": items, "next": {"items": []}}}).to_string()
        }),
        1 => annotation().prop_map(|a| a.to_string()),
        1 => tricky_text(),
        1 => annotation().prop_map(|a| {
            let s = a.to_string();
            s.chars().take(s.chars().count() / 2).collect()
        }),
    ]
    .boxed()
}

proptest! {
    #[test]
    fn any_import_file_keeps_everything_stored_before(
        stored in prop::collection::vec(record(), 0..6),
        file in import_file(),
    ) {
        let kv = MemoryKv::new();
        let mut store = open(&kv);
        for r in stored {
            let _ = store.put(r);
        }
        let before = store.state().clone();
        let outcome = store.import(&file);
        for record in before.records() {
            let here = store.state().get(record.kind(), record.id());
            prop_assert!(here.is_some(), "{:?} lost", record);
            prop_assert!(here.unwrap().modified() >= record.modified());
        }
        if let Ok(report) = outcome {
            prop_assert_eq!(report.not_saved, 0);
            let reopened = open(&kv);
            prop_assert_eq!(reopened.state(), store.state());
        } else {
            prop_assert_eq!(store.state().clone(), before);
        }
    }
}

fn markdown() -> BoxedStrategy<String> {
    let piece = prop_oneof![
        Just("\n\n".to_string()),
        Just("\n".to_string()),
        Just("## ".to_string()),
        Just("> ".to_string()),
        Just("- ".to_string()),
        Just("1. ".to_string()),
        Just("```\n".to_string()),
        Just("[a](".to_string()),
        Just(")".to_string()),
        Just("<".to_string()),
        Just("&#9;".to_string()),
        Just("javascript:".to_string()),
        Just("//evil.example".to_string()),
        Just("**".to_string()),
        Just("`".to_string()),
        Just("---\n".to_string()),
        "[a-z ]{1,10}",
        tricky_text(),
    ];
    prop::collection::vec(piece, 0..24)
        .prop_map(|p| p.concat())
        .boxed()
}

proptest! {
    #[test]
    fn any_article_markdown_builds_or_fails_with_a_reason_and_keeps_links_safe(
        body in markdown(),
        quote in prop_oneof!["[a-z ]{1,6}".boxed(), tricky_text().boxed()],
    ) {
        let source = format!(
            "+++\nslug = \"a-story\"\ntitle = \"T\"\nbyline = \"B\"\npublication = \"P\"\ndate = \"2020\"\n\n[[facts]]\ntext = \"t\"\nquote = {}\n+++\n{body}",
            toml_string(&quote)
        );
        let Ok(article) = reader_core::pipeline::parse_article(Path::new("a.md"), &source, Path::new("/nonexistent")) else {
            return Ok(());
        };
        for run in article.blocks.iter().flat_map(|b| &b.runs) {
            if let Some(link) = &run.link {
                let again = reader_core::uri::safe_link(link);
                prop_assert_eq!(again.as_deref(), Some(link.as_str()));
                let scheme = reader_core::uri::scheme(link);
                prop_assert!(matches!(scheme.as_deref(), None | Some("http" | "https" | "mailto")), "{}", link);
            }
        }
        // The fact's words are where the model says.
        let text = article.annotatable_text();
        let tagged: usize = article.blocks.iter().flat_map(|b| &b.runs).filter(|r| !r.facts.is_empty()).map(|r| r.text.chars().count()).sum();
        prop_assert!(tagged >= quote.trim().chars().count());
        prop_assert!(text.chars().count() >= tagged);
    }

    #[test]
    fn every_placement_lies_inside_the_text(
        body in markdown(),
        highlights in prop::collection::vec(record(), 0..8),
    ) {
        let text = body;
        let index = TextIndex::new(&text);
        let len = index.char_len();
        // As the store holds them: one per id.
        let highlights: Vec<Highlight> = highlights
            .into_iter()
            .filter_map(|r| match r { Record::Highlight(h) => Some((h.id.clone(), h)), _ => None })
            .collect::<std::collections::BTreeMap<_, _>>()
            .into_values()
            .collect();
        let mut placer = Placer::default();
        let first = placer.place(&index, highlights.clone());
        placer.work(&index, &first.pending, &mut || false);
        let placement = placer.place(&index, highlights.clone());
        prop_assert!(placement.pending.is_empty());
        prop_assert_eq!(placement.placed.len() + placement.orphans.len(), highlights.len());
        for p in &placement.placed {
            prop_assert!(p.start <= p.end && p.end <= len, "{}..{} outside 0..{}", p.start, p.end, len);
        }
    }
}

/// A TOML basic string holding `s`.
fn toml_string(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

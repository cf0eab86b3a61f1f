//! The export formats on a realistic sample (the one `docs/storage.md` shows), and the
//! storage budget of a typical highlight and bookmark.

use reader_core::anchoring::{Selectors, TextPositionSelector, TextQuoteSelector};
use reader_core::formats::markdown::to_markdown;
use reader_core::formats::web_annotation::to_web_annotations;
use reader_core::formats::ArticleInfo;
use reader_core::store::codec::{packed, PACKED};
use reader_core::store::{
    storage_bytes, Bookmark, Color, Highlight, MemoryKv, Record, SavedArticle, Store,
};
use serde_json::Value;

const SLUG: &str = "north-korean-defectors-arrested-in-china";

fn info() -> ArticleInfo {
    ArticleInfo {
        slug: SLUG.into(),
        title: "North Korean defectors arrested in China".into(),
        publication: "The Christian Post".into(),
        date: "November 2017 (approximate)".into(),
        url: format!("https://reader.example/articles/{SLUG}"),
        ..ArticleInfo::default()
    }
}

/// A typical highlight: a ~120-char quote, 32-char contexts, a short note.
fn typical() -> Highlight {
    let exact =
        "Christian Solidarity Worldwide is calling on the Chinese government to refrain from \
                 repatriating the defectors who were";
    assert!((115..=125).contains(&exact.chars().count()));
    Highlight {
        id: "h-18c2f1a9b3e-3fa9c01b2d".into(),
        article: SLUG.into(),
        selectors: Selectors {
            quote: TextQuoteSelector {
                exact: exact.into(),
                prefix: "nd, a human rights group said.\n\n".into(),
                suffix: " allegedly arrested in Shenyang ".into(),
            },
            position: TextPositionSelector {
                start: 618,
                end: 618 + exact.chars().count(),
            },
            text_hash: "c8d0cac7437d4868".into(),
        },
        color: Color::Yellow,
        note: "Compare with the UN report.".into(),
        fact: None,
        created: "2026-11-28T13:05:00.000Z".into(),
        modified: "2026-11-28T13:07:12.345Z".into(),
    }
}

/// A bookmark with a short label.
fn bookmark() -> Bookmark {
    Bookmark {
        id: "b-18c2f1b07aa-0d1e2f3a4b".into(),
        article: SLUG.into(),
        block: 3,
        label: "Where the arrests happened".into(),
        excerpt: String::new(),
        created: "2026-11-28T13:10:00.000Z".into(),
        modified: "2026-11-28T13:10:00.000Z".into(),
    }
}

fn sample() -> Store<MemoryKv> {
    let mut store = Store::open(MemoryKv::new());
    store.put(Record::Highlight(typical())).unwrap();
    store.put(Record::Bookmark(bookmark())).unwrap();
    store
        .put(Record::Saved(SavedArticle {
            article: SLUG.into(),
            saved_at: "2026-11-28T12:58:03.120Z".into(),
        }))
        .unwrap();
    store
}

#[test]
fn markdown_sample() {
    let md = to_markdown(&[info()], sample().state(), "2026-11-28T13:30:00.000Z");
    println!("{md}");
    assert!(md.starts_with("# Highlights, notes and bookmarks\n"));
    assert!(md.contains("## North Korean defectors arrested in China\n"));
    assert!(md.contains(
        "The Christian Post · November 2017 (approximate)\\\n<https://reader.example/articles/"
    ));
    assert!(md.contains("> Christian Solidarity Worldwide is calling on the Chinese government"));
    assert!(md.contains("*Yellow highlight, 28 November 2026*"));
    assert!(md.contains("Note: Compare with the UN report."));
    assert!(md.contains("- Paragraph 4: Where the arrests happened (28 November 2026)"));
}

#[test]
fn web_annotation_sample() {
    let json = to_web_annotations(&[info()], sample().state());
    println!("{json}");
    let doc: Value = serde_json::from_str(&json).unwrap();
    let context =
        serde_json::json!(["http://www.w3.org/ns/anno.jsonld", {"reader": "urn:reader:terms:"}]);
    assert_eq!(doc["@context"], context);
    let items = doc["first"]["items"].as_array().unwrap();
    assert_eq!(items.len(), 3);
    let motivations: Vec<&str> = items
        .iter()
        .map(|i| i["motivation"].as_str().unwrap())
        .collect();
    assert_eq!(motivations, ["bookmarking", "commenting", "bookmarking"]);
    let h = &items[1];
    assert_eq!(h["type"], "Annotation");
    assert_eq!(h["@context"], context);
    assert_eq!(h["stylesheet"]["type"], "CssStylesheet");
    assert_eq!(h["target"]["reader:article"], SLUG);
    assert_eq!(h["body"]["type"], "TextualBody");
    assert_eq!(h["body"]["format"], "text/plain");
    assert_eq!(h["target"]["styleClass"], "highlight-yellow");
    assert_eq!(h["target"]["selector"][0]["type"], "TextQuoteSelector");
    assert_eq!(h["target"]["selector"][1]["type"], "TextPositionSelector");
    assert_eq!(items[2]["target"]["selector"][0]["type"], "CssSelector");
    assert_eq!(items[2]["body"]["value"], "Where the arrests happened");
    assert_eq!(
        items[0]["target"],
        serde_json::json!({"id": format!("https://reader.example/articles/{SLUG}"), "reader:article": SLUG}),
        "the whole article is saved"
    );
}

/// Bytes a record takes in `localStorage` (key and value, as UTF-16), printed with how many
/// fit in a 5 MiB quota, and the version 2 figure for comparison.
fn budget(record: &Record, v2_json: &str) -> (usize, usize) {
    let (key, value) = (record.key(), record.to_stored());
    let bytes = storage_bytes(&key, &value);
    let fit = 5 * 1024 * 1024 / bytes;
    let v2 = storage_bytes(&key, v2_json);
    let packed = value.strip_prefix(PACKED).expect("packed");
    println!("{key} = {value}");
    println!("unpacked: {}", packed::unpack(packed).unwrap());
    println!(
        "{:?}: key {} + value {} chars = {bytes} bytes as UTF-16; {fit} fit in 5 MiB \
         (version 2: value {} chars = {v2} bytes; {} fit)",
        record.kind(),
        key.chars().count(),
        value.chars().count(),
        v2_json.chars().count(),
        5 * 1024 * 1024 / v2,
    );
    (bytes, fit)
}

#[test]
fn a_typical_highlight_takes_under_524_bytes_so_over_10_000_fit_in_5_mib() {
    let v2 = serde_json::to_string(&typical()).unwrap();
    let (bytes, fit) = budget(&Record::Highlight(typical()), &v2);
    assert!(bytes <= 524, "{bytes}");
    assert!(fit >= 10_000, "{fit}");
}

#[test]
fn a_typical_bookmark_takes_under_250_bytes() {
    let v2 = serde_json::to_string(&bookmark()).unwrap();
    let (bytes, fit) = budget(&Record::Bookmark(bookmark()), &v2);
    assert!(bytes < 250, "{bytes}");
    assert!(fit > 20_000, "{fit}");
}

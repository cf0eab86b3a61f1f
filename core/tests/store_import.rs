//! Importing Web Annotation JSON: merge by id, report added/updated/skipped with reasons;
//! whole-file problems are clear errors and change nothing.

mod common;

use common::highlight;
use reader_core::formats::web_annotation::import::{Change, JsonKind, Skip};
use reader_core::formats::web_annotation::{to_web_annotations, ImportError, IMPORT_MAX_BYTES};
use reader_core::formats::ArticleInfo;
use reader_core::store::{Highlight, MemoryKv, Record, RecordKind, Store};
use serde_json::{json, Value};

fn articles() -> Vec<ArticleInfo> {
    vec![ArticleInfo {
        slug: "a-story".into(),
        title: "A story".into(),
        publication: "The Paper".into(),
        date: "10 November 2017".into(),
        url: "https://reader.example/articles/a-story".into(),
        ..ArticleInfo::default()
    }]
}

fn store_with(records: &[Highlight]) -> (MemoryKv, Store<MemoryKv>) {
    let kv = MemoryKv::new();
    let mut store = Store::open(kv.clone());
    store.set_articles(articles());
    for h in records {
        store.put(Record::Highlight(h.clone())).unwrap();
    }
    (kv, store)
}

fn exported(records: &[Highlight]) -> Value {
    let (_, store) = store_with(records);
    serde_json::from_str(&to_web_annotations(&articles(), store.state())).unwrap()
}

#[test]
fn import_merges_by_id_and_reports_counts_and_reasons() {
    let file = exported(&[
        highlight("h-1", "old note", "2026-11-28T13:00:00.000Z"),
        highlight("h-2", "newer in the file", "2026-11-28T15:00:00.000Z"),
        highlight(
            "h-3",
            "<script>alert('x')</script>",
            "2026-11-28T13:00:00.000Z",
        ),
    ]);
    let mut items = file["first"]["items"].as_array().unwrap().clone();
    let mut foreign = items[0].clone();
    foreign["id"] = json!("urn:reader:highlight:h-4");
    foreign["target"]["source"] = json!("https://elsewhere.example/story");
    foreign["target"]["reader:article"] = json!("a-story-this-app-does-not-have");
    items.push(foreign);
    let mut no_selectors = items[0].clone();
    no_selectors["id"] = json!("urn:reader:highlight:h-5");
    no_selectors["target"]
        .as_object_mut()
        .unwrap()
        .remove("selector");
    items.push(no_selectors);
    items.push(items[2].clone()); // listed twice

    let (kv, mut store) = store_with(&[
        highlight("h-1", "edited here later", "2026-11-28T14:00:00.000Z"),
        highlight("h-2", "old here", "2026-11-28T14:00:00.000Z"),
    ]);
    let report = store.import(&json!(items).to_string()).unwrap();

    assert_eq!((report.added, report.updated), (1, 1), "{report:?}");
    assert_eq!(report.skipped.len(), 4, "{report:?}");
    let reasons: Vec<&Skip> = report.skipped.iter().map(|s| &s.reason).collect();
    assert_eq!(
        reasons,
        [
            &Skip::NewerHere,
            &Skip::UnknownArticle("https://elsewhere.example/story".into()),
            &Skip::NoQuote,
            &Skip::Duplicate
        ]
    );
    let positions: Vec<usize> = report.skipped.iter().map(|s| s.item).collect();
    assert_eq!(positions, [1, 4, 5, 6]);
    assert_eq!(
        report.changes,
        [
            Change {
                kind: RecordKind::Highlight,
                article: "a-story".into(),
                added: false
            },
            Change {
                kind: RecordKind::Highlight,
                article: "a-story".into(),
                added: true
            }
        ]
    );

    assert_eq!(
        store.state().highlight("h-1").unwrap().note,
        "edited here later",
        "ours was newer"
    );
    assert_eq!(
        store.state().highlight("h-2").unwrap().note,
        "newer in the file"
    );
    assert_eq!(
        store.state().highlight("h-3").unwrap().note,
        "<script>alert('x')</script>",
        "verbatim"
    );
    assert_eq!(Store::open(kv).state(), store.state(), "saved");

    let again = store.import(&json!(items).to_string()).unwrap();
    assert_eq!((again.added, again.updated), (0, 0));
    assert!(
        again.skipped.iter().any(|s| s.reason == Skip::Unchanged),
        "{again:?}"
    );
}

#[test]
fn whole_file_errors_change_nothing() {
    let (kv, mut store) = store_with(&[highlight("h-1", "keep me", "2026-11-28T13:00:00.000Z")]);
    let before = (kv.snapshot(), store.state().clone());

    let invalid = store.import("{\"type\": \"Annotation\",").unwrap_err();
    assert!(matches!(invalid, ImportError::InvalidJson(_)));

    for wrong in [
        "\"annotations\"",
        "null",
        "{\"items\": 3}",
        "{\"name\": \"x\"}",
    ] {
        let e = store.import(wrong).unwrap_err();
        assert!(matches!(e, ImportError::WrongShape(_)), "{wrong}: {e:?}");
    }

    let huge = format!("[{}]", " ".repeat(IMPORT_MAX_BYTES));
    let e = store.import(&huge).unwrap_err();
    assert_eq!(
        e,
        ImportError::TooLarge {
            bytes: IMPORT_MAX_BYTES + 2
        }
    );

    assert_eq!((kv.snapshot(), store.state().clone()), before);
}

#[test]
fn wrong_types_inside_annotations_are_skipped_with_reasons() {
    let file = exported(&[highlight("h-1", "", "2026-11-28T13:00:00.000Z")]);
    let good = file["first"]["items"][0].clone();
    let mut bad_start = good.clone();
    bad_start["id"] = json!("urn:reader:highlight:x1");
    bad_start["target"]["selector"][1]["start"] = json!("10");
    let mut bad_exact = good.clone();
    bad_exact["id"] = json!("urn:reader:highlight:x2");
    bad_exact["target"]["selector"][0]["exact"] = json!(12);
    let mut bad_date = good.clone();
    bad_date["id"] = json!("urn:reader:highlight:x3");
    bad_date["modified"] = json!(20261128);
    let (_, mut store) = store_with(&[]);
    let report = store
        .import(&json!([bad_start, bad_exact, bad_date, "text", good]).to_string())
        .unwrap();
    assert_eq!(report.added, 1);
    let reasons: Vec<(usize, &Skip)> = report.skipped.iter().map(|s| (s.item, &s.reason)).collect();
    assert_eq!(
        reasons,
        [
            (1, &Skip::NotWholeNumber("start")),
            (
                2,
                &Skip::NotText {
                    field: "exact",
                    found: JsonKind::Number
                }
            ),
            (
                3,
                &Skip::NotText {
                    field: "modified",
                    found: JsonKind::Number
                }
            ),
            (4, &Skip::NotAnObject(JsonKind::Text)),
        ]
    );
}

#[test]
fn every_accepted_top_level_shape_imports() {
    let file = exported(&[highlight("h-1", "n", "2026-11-28T13:00:00.000Z")]);
    let one = file["first"]["items"][0].clone();
    for shape in [
        file.clone(),
        json!([one]),
        one.clone(),
        json!({"@context": "http://www.w3.org/ns/anno.jsonld", "type": "AnnotationCollection", "items": [one]}),
    ] {
        let (_, mut store) = store_with(&[]);
        let report = store.import(&shape.to_string()).unwrap();
        assert_eq!(report.added, 1, "{shape}");
        assert_eq!(store.state().highlight("h-1").unwrap().note, "n");
    }
}

#[test]
fn an_export_from_another_copy_of_the_app_imports_by_slug() {
    let mut file = exported(&[highlight("h-1", "", "2026-11-28T13:00:00.000Z")]);
    file["first"]["items"][0]["target"]["source"] = json!("http://localhost:8080/articles/a-story");
    let (_, mut store) = store_with(&[]);
    assert_eq!(store.import(&file.to_string()).unwrap().added, 1);
}

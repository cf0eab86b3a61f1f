//! Importing Web Annotation JSON: merge by id, report added/updated/skipped with reasons;
//! whole-file problems are clear errors and change nothing.

mod common;

use common::highlight;
use reader_core::store::{
    to_web_annotations, ArticleInfo, Highlight, ImportError, MemoryKv, Record, Store,
    IMPORT_MAX_BYTES,
};
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
    serde_json::from_str(&to_web_annotations(&articles(), &store.state)).unwrap()
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

    assert_eq!((report.added, report.updated), (1, 1), "{report}");
    assert_eq!(report.skipped.len(), 4, "{report}");
    let reasons: Vec<&str> = report.skipped.iter().map(|s| s.reason.as_str()).collect();
    assert!(
        reasons[0].contains("newer version is already here"),
        "{reasons:?}"
    );
    assert!(
        reasons[1].contains("article this app does not have"),
        "{reasons:?}"
    );
    assert!(reasons[2].contains("no TextQuoteSelector"), "{reasons:?}");
    assert!(reasons[3].contains("more than once"), "{reasons:?}");
    let text = report.to_string();
    assert!(
        text.starts_with("Import finished: 1 added, 1 updated, 4 skipped."),
        "{text}"
    );

    assert_eq!(
        store.state.highlights["h-1"].note, "edited here later",
        "ours was newer"
    );
    assert_eq!(store.state.highlights["h-2"].note, "newer in the file");
    assert_eq!(
        store.state.highlights["h-3"].note, "<script>alert('x')</script>",
        "verbatim"
    );
    assert_eq!(Store::open(kv).state, store.state, "saved");

    let again = store.import(&json!(items).to_string()).unwrap();
    assert_eq!((again.added, again.updated), (0, 0));
    assert!(again
        .skipped
        .iter()
        .any(|s| s.reason == "already here, unchanged"));
}

#[test]
fn whole_file_errors_change_nothing() {
    let (kv, mut store) = store_with(&[highlight("h-1", "keep me", "2026-11-28T13:00:00.000Z")]);
    let before = (kv.snapshot(), store.state.clone());

    let invalid = store.import("{\"type\": \"Annotation\",").unwrap_err();
    assert!(matches!(invalid, ImportError::InvalidJson(_)));
    assert!(
        invalid
            .to_string()
            .starts_with("The file is not valid JSON"),
        "{invalid}"
    );
    assert!(invalid.to_string().ends_with("Nothing was changed."));

    for wrong in [
        "\"annotations\"",
        "null",
        "{\"items\": 3}",
        "{\"name\": \"x\"}",
    ] {
        let e = store.import(wrong).unwrap_err();
        assert!(matches!(e, ImportError::WrongShape(_)), "{wrong}: {e:?}");
        assert!(
            e.to_string().contains("does not hold Web Annotations"),
            "{e}"
        );
    }

    let huge = format!("[{}]", " ".repeat(IMPORT_MAX_BYTES));
    let e = store.import(&huge).unwrap_err();
    assert!(matches!(e, ImportError::TooLarge { .. }));
    assert!(e.to_string().contains("limited to 5 MB"), "{e}");

    assert_eq!((kv.snapshot(), store.state.clone()), before);
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
    let reasons: Vec<String> = report.skipped.iter().map(|s| s.to_string()).collect();
    assert_eq!(reasons.len(), 4);
    assert!(
        reasons[0].contains("\"start\" is not a whole number"),
        "{reasons:?}"
    );
    assert!(
        reasons[1].contains("quoted text is a number"),
        "{reasons:?}"
    );
    assert!(
        reasons[2].contains("modified date is a number"),
        "{reasons:?}"
    );
    assert!(
        reasons[3].starts_with("annotation 4: it is a string"),
        "{reasons:?}"
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
        assert_eq!(store.state.highlights["h-1"].note, "n");
    }
}

#[test]
fn an_export_from_another_copy_of_the_app_imports_by_slug() {
    let mut file = exported(&[highlight("h-1", "", "2026-11-28T13:00:00.000Z")]);
    file["first"]["items"][0]["target"]["source"] = json!("http://localhost:8080/articles/a-story");
    let (_, mut store) = store_with(&[]);
    assert_eq!(store.import(&file.to_string()).unwrap().added, 1);
}

//! Data of older schema versions is migrated forward; data of a newer, unknown version is left
//! untouched and annotations become read-only with a message.

mod common;

use reader_core::formats::web_annotation::ImportError;
use reader_core::store::{
    storage_bytes, Bookmark, Color, KeyValue, MemoryKv, Notice, NoticeKind, ReadingPosition,
    Record, RecordKind, SavedArticle, Store, StoreError,
};

const V1: &str = r#"{"version":1,"highlights":[
  {"id":"h1","slug":"a-story","quote":"Chinese authorities arrested","prefix":"In March, ","suffix":" ten defectors","start":10,"end":38,"colour":"green","note":"Check <em>dates</em>","created":"2025-03-01T10:00:00.000Z"},
  {"id":"h2","slug":"a-story","quote":"the Tumen river","start":120,"end":135,"colour":"purple","created":"2025-03-02T10:00:00.000Z"}
]}"#;

#[test]
fn version_1_blob_is_migrated_to_one_key_per_record() {
    let kv = MemoryKv::new();
    kv.insert_raw("reader:annotations", V1);
    let store = Store::open(kv.clone());

    assert!(store.notices().is_empty(), "{:#?}", store.notices());
    assert!(store.read_only().is_none());
    let h1 = &store.state().highlight("h1").unwrap();
    assert_eq!(h1.article, "a-story");
    assert_eq!(h1.color, Color::Green);
    assert_eq!(h1.note, "Check <em>dates</em>");
    assert_eq!(h1.selectors.quote.exact, "Chinese authorities arrested");
    assert_eq!(h1.selectors.quote.prefix, "In March, ");
    assert_eq!(h1.selectors.position.start, 10);
    assert_eq!(h1.selectors.text_hash, "");
    assert_eq!(h1.modified, h1.created);
    assert_eq!(store.state().highlight("h2").unwrap().color, Color::Purple);

    let stored = kv.snapshot();
    assert_eq!(stored["reader:meta"], r#"{"version":3}"#);
    for id in ["h1", "h2"] {
        let h = Record::Highlight(store.state().highlight(id).unwrap().clone());
        assert_eq!(
            stored[&h.key()],
            h.to_stored(),
            "written in the version 3 form"
        );
    }
    assert!(!stored.contains_key("reader:annotations"), "old blob moved");
    let kept = store.quarantined();
    assert_eq!(kept.len(), 1);
    assert_eq!(kept[0].original_key, "reader:annotations");
    assert_eq!(kept[0].raw, V1);

    let reopened = Store::open(kv.clone());
    assert_eq!(reopened.state(), store.state());
    assert!(reopened.notices().is_empty());
}

#[test]
fn migration_merges_with_newer_version_2_records_and_upgrades_them() {
    // An older tab rewrote the blob after a newer one had already migrated and edited h1.
    let migrated = MemoryKv::new();
    migrated.insert_raw("reader:annotations", V1);
    let mut h1 = Store::open(migrated)
        .state()
        .highlight("h1")
        .unwrap()
        .clone();
    h1.note = "edited after the upgrade".into();
    h1.modified = "2026-01-01T00:00:00.000Z".into();

    let kv = MemoryKv::new();
    kv.insert_raw("reader:meta", r#"{"version":2}"#);
    kv.insert_raw("reader:hl:h1", &serde_json::to_string(&h1).unwrap());
    kv.insert_raw("reader:annotations", V1);
    let store = Store::open(kv.clone());
    assert_eq!(
        *store.state().highlight("h1").unwrap(),
        h1,
        "the later modified wins"
    );
    assert_eq!(store.state().highlights().count(), 2);
    assert_eq!(
        kv.get_raw("reader:hl:h1"),
        Some(Record::Highlight(h1).to_stored()),
        "the newer record is not overwritten, only rewritten in the version 3 form"
    );
}

#[test]
fn a_failed_migration_leaves_the_old_blob_and_says_so() {
    let kv = MemoryKv::new();
    kv.insert_raw("reader:annotations", V1);
    kv.set_capacity(Some(kv.used_bytes() + 64));
    let store = Store::open(kv.clone());

    assert_eq!(store.state().highlights().count(), 2, "shown from memory");
    assert_eq!(kv.get_raw("reader:annotations").as_deref(), Some(V1));
    assert_eq!(store.notices().len(), 1);
    assert_eq!(store.notices()[0].kind(), NoticeKind::Migration);
    assert!(matches!(
        &store.notices()[0],
        Notice::MigrationIncomplete {
            error: StoreError::QuotaExceeded,
            raw,
            ..
        } if raw == V1
    ));

    kv.set_capacity(None);
    let retried = Store::open(kv.clone());
    assert!(retried.notices().is_empty());
    assert!(kv.get_raw("reader:annotations").is_none());
    assert_eq!(retried.state().highlights().count(), 2);
}

#[test]
fn an_unreadable_version_1_blob_is_kept_aside() {
    let kv = MemoryKv::new();
    kv.insert_raw("reader:annotations", "{\"version\":1,\"highlights\":");
    let store = Store::open(kv.clone());
    assert!(store.state().is_empty());
    assert_eq!(store.notices().len(), 1);
    assert!(store.notices()[0].backup_key().is_some());
    assert!(kv.get_raw("reader:annotations").is_none());
}

#[test]
fn a_newer_version_is_read_only_and_left_byte_identical() {
    let kv = MemoryKv::new();
    kv.insert_raw("reader:meta", r#"{"version":4,"compression":"none"}"#);
    kv.insert_raw(
        "reader:hl:h1",
        r#"{"id":"h1","article":"a-story","selectors":{"quote":{"exact":"words"},"position":{"start":0,"end":5},"text_hash":""},"color":"blue","created":"2027-01-01T00:00:00.000Z","modified":"2027-01-01T00:00:00.000Z","tags":["new in v3"]}"#,
    );
    kv.insert_raw(
        "reader:hl:h2",
        r#"{"v3":"a shape this version cannot read"}"#,
    );
    kv.insert_raw(
        "reader:bm:b1",
        &Record::Bookmark(Bookmark {
            id: "b1".into(),
            article: "a-story".into(),
            block: 2,
            label: String::new(),
            excerpt: String::new(),
            created: "2027-01-01T00:00:00.000Z".into(),
            modified: "2027-01-01T00:00:00.000Z".into(),
        })
        .to_stored(),
    );
    kv.insert_raw("reader:tags:t1", r#"{"name":"v4 only"}"#);
    let before = kv.snapshot();

    let mut store = Store::open(kv.clone());
    assert_eq!(store.read_only(), Some(4));
    assert_eq!(
        store.notices(),
        [Notice::ReadOnly {
            version: 4,
            unreadable: 1
        }]
    );
    assert_eq!(
        store.state().highlights().count(),
        1,
        "records that parse are shown"
    );
    assert!(
        store.state().get(RecordKind::Bookmark, "b1").is_some(),
        "in either form"
    );

    let h = store.state().highlight("h1").unwrap().clone();
    assert_eq!(
        store.put(Record::Highlight(h)),
        Err(StoreError::ReadOnly { version: 4 })
    );
    assert!(matches!(
        store.delete(RecordKind::Highlight, "h1"),
        Err(StoreError::ReadOnly { version: 4 })
    ));
    assert!(matches!(
        store.import("[]"),
        Err(ImportError::ReadOnly { version: 4 })
    ));
    assert_eq!(store.state().highlights().count(), 1);
    assert_eq!(kv.snapshot(), before, "nothing written, moved or removed");
}

/// Every kind of record, as version 2 stored them (their serde JSON).
fn version_2_data(kv: &MemoryKv) -> Vec<Record> {
    let records = vec![
        Record::Highlight(common::highlight(
            "h-1",
            "a note, with \"quotes\" and é",
            "2026-11-28T13:05:00.000Z",
        )),
        Record::Highlight(common::highlight("h-2", "", "2026-11-28T13:06:00.000Z")),
        Record::Bookmark(Bookmark {
            id: "b-1".into(),
            article: "a-story".into(),
            block: 3,
            label: "a label".into(),
            excerpt: String::new(),
            created: "2026-11-28T13:00:00.000Z".into(),
            modified: "2026-11-28T13:01:00.000Z".into(),
        }),
        Record::Saved(SavedArticle {
            article: "a-story".into(),
            saved_at: "2026-11-28T12:58:03.120Z".into(),
        }),
        Record::Position(ReadingPosition {
            article: "a-story".into(),
            block: 7,
            updated: "2026-11-28T13:20:41.007Z".into(),
        }),
    ];
    for record in &records {
        let json = match record {
            Record::Highlight(h) => serde_json::to_string(h),
            Record::Bookmark(b) => serde_json::to_string(b),
            Record::Saved(s) => serde_json::to_string(s),
            Record::Position(p) => serde_json::to_string(p),
        };
        kv.insert_raw(&record.key(), &json.unwrap());
    }
    records
}

#[test]
fn version_2_data_is_rewritten_as_version_3_and_nothing_is_lost() {
    for meta in [Some(r#"{"version":2}"#), None] {
        let kv = MemoryKv::new();
        if let Some(meta) = meta {
            kv.insert_raw("reader:meta", meta);
        }
        kv.insert_raw("reader:theme", "dark");
        let records = version_2_data(&kv);
        let before = kv.snapshot();

        let store = Store::open(kv.clone());
        assert!(store.notices().is_empty(), "{:#?}", store.notices());
        assert!(store.read_only().is_none());
        assert_eq!(
            store.state().records(),
            records,
            "every field of every record"
        );

        let after = kv.snapshot();
        assert_eq!(after["reader:meta"], r#"{"version":3}"#);
        assert_eq!(after["reader:theme"], "dark", "not the store's: left alone");
        for record in &records {
            let key = record.key();
            assert_eq!(after[&key], record.to_stored(), "{key}");
            assert!(
                storage_bytes(&key, &after[&key]) < storage_bytes(&key, &before[&key]),
                "{key} got smaller"
            );
        }
        assert!(store.quarantined().is_empty(), "nothing kept aside");
        let reopened = Store::open(kv.clone());
        assert_eq!(reopened.state(), store.state());
        assert_eq!(kv.snapshot(), after, "rewritten once");
    }
}

#[test]
fn a_failed_rewrite_leaves_the_version_2_values_which_still_read() {
    let kv = MemoryKv::new();
    let records = version_2_data(&kv);
    kv.set_capacity(Some(kv.used_bytes())); // no room for `reader:meta`
    let before = kv.snapshot();
    let store = Store::open(kv.clone());
    assert!(store.notices().is_empty(), "{:#?}", store.notices());
    assert_eq!(store.state().records(), records);
    assert_eq!(kv.snapshot(), before, "nothing changed, nothing lost");

    kv.set_capacity(None);
    let retried = Store::open(kv.clone());
    assert_eq!(retried.state().records(), records);
    assert_eq!(
        kv.get("reader:meta").unwrap().as_deref(),
        Some(r#"{"version":3}"#)
    );
    for record in &records {
        assert_eq!(kv.get_raw(&record.key()), Some(record.to_stored()));
    }
}

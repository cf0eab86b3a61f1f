//! Unreadable or wrong-shape stored data: the app still opens with every valid record, the bad
//! payload is kept under a backup key, the reader is told once and can download it. If the
//! backup cannot be written, the original stays untouched and the reader is still told.

use std::collections::BTreeMap;

use reader_core::store::{
    storage_bytes, MemoryKv, Notice, NoticeKind, Problem, Record, RecordKind, Store, StoreError,
    Stored,
};

const GOOD: &str = r#"{"id":"h-1","article":"a-story","selectors":{"quote":{"exact":"words","prefix":"some ","suffix":" here"},"position":{"start":5,"end":10},"text_hash":"cbf29ce484222325"},"color":"yellow","created":"2026-11-28T13:05:00.000Z","modified":"2026-11-28T13:05:00.000Z"}"#;
const BOOKMARK: &str = r#"{"id":"b-1","article":"a-story","block":2,"created":"2026-11-28T13:05:00.000Z","modified":"2026-11-28T13:05:00.000Z"}"#;
const CORRUPT: &str = r#"{"id":"h-2","article":"a-story","selec"#;
const WRONG_SHAPE: &str = r#"{"id":"h-3","article":["a-story"],"note":42}"#;

fn storage_bytes_of(map: &BTreeMap<String, String>) -> usize {
    map.iter().map(|(k, v)| storage_bytes(k, v)).sum()
}

fn seeded() -> MemoryKv {
    let kv = MemoryKv::new();
    kv.insert_raw("reader:meta", r#"{"version":2}"#);
    kv.insert_raw("reader:hl:h-1", GOOD);
    kv.insert_raw("reader:bm:b-1", BOOKMARK);
    kv.insert_raw("reader:hl:h-2", CORRUPT);
    kv.insert_raw("reader:hl:h-3", WRONG_SHAPE);
    kv.insert_raw("reader:theme", "dark"); // not the store's: left alone
    kv
}

#[test]
fn corrupt_and_wrong_shape_records_are_kept_aside_and_the_rest_loads() {
    let kv = seeded();
    let store = Store::open(kv.clone());

    assert_eq!(store.state().highlights().count(), 1);
    assert!(store.state().highlight("h-1").is_some());
    assert_eq!(store.state().bookmarks().count(), 1);
    assert!(store.read_only().is_none());

    assert_eq!(store.notices().len(), 2, "{:#?}", store.notices());
    let corrupt = store
        .notices()
        .iter()
        .find(|n| n.raw() == Some(CORRUPT))
        .expect("notice for the corrupt record");
    assert_eq!(corrupt.kind(), NoticeKind::Unreadable);
    assert!(
        matches!(
            corrupt,
            Notice::Unreadable {
                what: Stored::Record(RecordKind::Highlight),
                problem: Problem::NotJson(_),
                not_kept: None,
                ..
            }
        ),
        "{corrupt:?}"
    );
    let backup = corrupt.backup_key().unwrap().to_string();
    assert!(backup.starts_with("reader:backup:") && backup.ends_with(":reader:hl:h-2"));
    assert_eq!(kv.get_raw(&backup).as_deref(), Some(CORRUPT));

    let wrong = store
        .notices()
        .iter()
        .find(|n| n.raw() == Some(WRONG_SHAPE))
        .expect("notice for the wrong-shape record");
    assert!(
        matches!(
            wrong,
            Notice::Unreadable {
                problem: Problem::WrongShape(_),
                ..
            }
        ),
        "{wrong:?}"
    );
    assert!(wrong.backup_key().is_some());

    let stored = kv.snapshot();
    assert!(!stored.contains_key("reader:hl:h-2") && !stored.contains_key("reader:hl:h-3"));
    assert_eq!(
        stored["reader:hl:h-1"],
        Record::Highlight(store.state().highlight("h-1").unwrap().clone()).to_stored(),
        "valid records kept, rewritten in the version 3 form"
    );
    assert_eq!(stored["reader:theme"], "dark");

    let kept = store.quarantined();
    assert_eq!(kept.len(), 2);
    assert!(kept
        .iter()
        .any(|q| q.original_key == "reader:hl:h-2" && q.raw == CORRUPT));
    assert!(kept
        .iter()
        .any(|q| q.original_key == "reader:hl:h-3" && q.raw == WRONG_SHAPE));
}

#[test]
fn the_reader_is_told_once() {
    let kv = seeded();
    let first = Store::open(kv.clone());
    assert_eq!(first.notices().len(), 2);
    let again = Store::open(kv.clone());
    assert!(again.notices().is_empty(), "{:#?}", again.notices());
    assert_eq!(again.state().highlights().count(), 1);
    assert_eq!(again.quarantined().len(), 2, "still downloadable");
}

#[test]
fn a_record_stored_under_another_id_is_kept_aside() {
    let kv = MemoryKv::new();
    kv.insert_raw("reader:hl:other", GOOD);
    let store = Store::open(kv.clone());
    assert!(store.state().highlights().next().is_none());
    assert_eq!(store.notices().len(), 1);
    assert!(matches!(
        &store.notices()[0],
        Notice::Unreadable {
            problem: Problem::NamesAnother { named, key },
            ..
        } if named == "h-1" && key == "other"
    ));
}

#[test]
fn when_the_backup_cannot_be_written_the_original_stays_and_is_reported() {
    let kv = seeded();
    kv.set_capacity(Some(kv.used_bytes())); // full: no room for a backup copy
    let before = kv.snapshot();
    let store = Store::open(kv.clone());

    // The readable records were rewritten in the (smaller) version 3 form; the unreadable
    // ones stay exactly where they were.
    let after = kv.snapshot();
    for key in ["reader:hl:h-2", "reader:hl:h-3", "reader:theme"] {
        assert_eq!(after[key], before[key], "nothing moved, nothing lost");
    }
    assert!(after.keys().all(|k| !k.starts_with("reader:backup:")));
    assert!(kv.used_bytes() < storage_bytes_of(&before));
    assert_eq!(store.state().highlights().count(), 1);
    assert_eq!(store.notices().len(), 2);
    for notice in store.notices() {
        assert_eq!(notice.kind(), NoticeKind::Unreadable);
        assert!(notice.backup_key().is_none());
        assert!(notice.raw().is_some(), "the reader can still download it");
        assert!(
            matches!(
                notice,
                Notice::Unreadable {
                    not_kept: Some(StoreError::QuotaExceeded),
                    ..
                }
            ),
            "{notice:?}"
        );
    }
}

#[test]
fn an_unreadable_version_note_is_kept_aside_and_data_still_loads() {
    let kv = MemoryKv::new();
    kv.insert_raw("reader:meta", "v2?");
    kv.insert_raw("reader:hl:h-1", GOOD);
    let mut store = Store::open(kv.clone());
    assert_eq!(store.state().highlights().count(), 1);
    assert_eq!(store.notices().len(), 1);
    assert_eq!(store.notices()[0].raw(), Some("v2?"));
    assert!(store.read_only().is_none());
    // The next change writes a fresh version note.
    let mut h = store.state().highlight("h-1").unwrap().clone();
    h.note = "edited".into();
    store.put(Record::Highlight(h)).unwrap();
    assert_eq!(
        kv.get_raw("reader:meta").as_deref(),
        Some(r#"{"version":3}"#)
    );
    let reopened = Store::open(kv.clone());
    assert!(reopened.notices().is_empty());
    assert_eq!(reopened.state().highlight("h-1").unwrap().note, "edited");
}

#[test]
fn unreadable_packed_values_are_kept_aside_too() {
    let kv = MemoryKv::new();
    kv.insert_raw("reader:meta", r#"{"version":3}"#);
    kv.insert_raw("reader:hl:h-1", "~\u{9000}\u{41}"); // U+9000 is never packed
    kv.insert_raw("reader:bm:b-1", "=not json");
    let store = Store::open(kv.clone());
    assert!(store.state().is_empty());
    assert_eq!(store.notices().len(), 2, "{:#?}", store.notices());
    let packed = store
        .notices()
        .iter()
        .find(|n| n.raw() == Some("~\u{9000}\u{41}"))
        .expect("notice for the packed value");
    assert!(
        matches!(
            packed,
            Notice::Unreadable {
                problem: Problem::NotPacked(_),
                ..
            }
        ),
        "{packed:?}"
    );
    assert!(packed.backup_key().is_some());
    assert!(kv.get_raw("reader:hl:h-1").is_none() && kv.get_raw("reader:bm:b-1").is_none());
    assert_eq!(store.quarantined().len(), 2);
}

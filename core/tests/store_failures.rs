//! Quota exceeded or storage unavailable: a clear error, the change kept in memory, and
//! nothing saved earlier overwritten or lost.

mod common;

use common::highlight;
use reader_core::store::{
    Bookmark, MemoryKv, Notice, NoticeKind, Record, RecordKind, SavedArticle, Store, StoreError,
};

#[test]
fn quota_exceeded_keeps_the_change_in_memory_and_earlier_data_byte_identical() {
    let kv = MemoryKv::new();
    let mut store = Store::open(kv.clone());
    store
        .put(Record::Highlight(highlight(
            "h-1",
            "first",
            "2026-11-28T13:05:00.000Z",
        )))
        .unwrap();
    store
        .put(Record::Saved(SavedArticle {
            article: "a-story".into(),
            saved_at: "2026-11-28T13:05:00.000Z".into(),
        }))
        .unwrap();
    kv.set_capacity(Some(kv.used_bytes())); // the disk is now full
    let before = kv.snapshot();

    // A new record, and an edit making an existing one bigger: both refused by storage.
    let new = Record::Highlight(highlight("h-2", "", "2026-11-28T14:00:00.000Z"));
    assert_eq!(store.put(new.clone()), Err(StoreError::QuotaExceeded));
    let edit = highlight(
        "h-1",
        "a much longer note than before",
        "2026-11-28T14:01:00.000Z",
    );
    assert_eq!(
        store.put(Record::Highlight(edit.clone())),
        Err(StoreError::QuotaExceeded)
    );

    assert_eq!(kv.snapshot(), before, "earlier data untouched");
    assert_eq!(
        *store.state().highlight("h-1").unwrap(),
        edit,
        "the edit is kept in memory"
    );
    assert!(store.state().highlight("h-2").is_some());
    assert!(store.state().is_saved("a-story"));

    // Deleting frees room; the next change is saved.
    store.delete(RecordKind::Saved, "a-story").unwrap();
    store.put(Record::Highlight(edit.clone())).unwrap();
    assert_eq!(
        kv.get_raw("reader:hl:h-1"),
        Some(Record::Highlight(edit).to_stored())
    );
}

#[test]
fn unavailable_storage_opens_empty_with_a_notice_and_works_in_memory() {
    let kv = MemoryKv::new();
    kv.insert_raw("reader:meta", r#"{"version":3}"#);
    kv.insert_raw(
        "reader:hl:h-1",
        &Record::Highlight(highlight(
            "h-1",
            "saved earlier",
            "2026-11-28T13:05:00.000Z",
        ))
        .to_stored(),
    );
    let before = kv.snapshot();
    kv.set_unavailable(true);

    let mut store = Store::open(kv.clone());
    assert!(store.state().is_empty());
    assert!(!store.storage_available());
    assert_eq!(store.notices().len(), 1);
    assert_eq!(store.notices()[0].kind(), NoticeKind::Unavailable);
    assert!(
        matches!(
            &store.notices()[0],
            Notice::Unavailable {
                error: StoreError::Unavailable(detail)
            } if detail.contains("SecurityError")
        ),
        "{:?}",
        store.notices()
    );

    let bookmark = Bookmark {
        id: "b-1".into(),
        article: "a-story".into(),
        block: 4,
        label: "here".into(),
        excerpt: String::new(),
        created: "2026-11-28T14:00:00.000Z".into(),
        modified: "2026-11-28T14:00:00.000Z".into(),
    };
    let err = store.put(Record::Bookmark(bookmark)).unwrap_err();
    assert!(matches!(err, StoreError::Unavailable(_)));

    assert_eq!(
        store.state().bookmarks_for("a-story").len(),
        1,
        "usable in memory"
    );
    assert!(store.delete(RecordKind::Highlight, "h-1").is_err());
    assert!(store.quarantined().is_empty());
    assert_eq!(store.notices().len(), 1, "one notice, not one per attempt");
    assert_eq!(kv.snapshot(), before, "nothing saved earlier is lost");
}

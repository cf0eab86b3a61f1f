//! Two tabs over one storage: each change arrives in the other through the `storage` event;
//! records merge by id, concurrent changes to different records both survive, and for the
//! same record the later `modified` wins, in memory and in storage.

mod common;

use common::{change, deliver, highlight};

use reader_core::store::{Bookmark, KeyValue, MemoryKv, Record, RecordKind, SavedArticle, Store};

fn bookmark(id: &str, modified: &str) -> Bookmark {
    Bookmark {
        id: id.into(),
        article: "a-story".into(),
        block: 1,
        label: String::new(),
        excerpt: String::new(),
        created: "2026-11-28T13:00:00.000Z".into(),
        modified: modified.into(),
    }
}

fn two_tabs() -> (MemoryKv, Store<MemoryKv>, Store<MemoryKv>) {
    let kv = MemoryKv::new();
    let mut seed = Store::open(kv.clone());
    seed.put(Record::Highlight(highlight(
        "h-1",
        "",
        "2026-11-28T13:00:00.000Z",
    )))
    .unwrap();
    let a = Store::open(kv.clone());
    let b = Store::open(kv.clone());
    (kv, a, b)
}

#[test]
fn a_change_in_one_tab_arrives_in_the_other() {
    let (kv, mut a, mut b) = two_tabs();
    let added = change(&kv, || {
        a.put(Record::Highlight(highlight(
            "h-2",
            "new",
            "2026-11-28T13:10:00.000Z",
        )))
        .unwrap()
    });
    assert_eq!(added.len(), 1, "one change, one key: {added:?}");
    assert!(deliver(&mut b, &added));
    assert_eq!(b.state().highlight("h-2").unwrap().note, "new");

    let removed = change(&kv, || a.delete(RecordKind::Highlight, "h-1").unwrap());
    assert_eq!(removed, vec![("reader:hl:h-1".to_string(), None)]);
    assert!(deliver(&mut b, &removed));
    assert!(b.state().highlight("h-1").is_none());
    assert_eq!(a.state(), b.state());

    // Keys that are not the store's, and repeated events, change nothing.
    assert!(!b.apply_storage_event(Some("other-app:x"), Some("1")));
    assert!(!deliver(&mut b, &added));
}

#[test]
fn concurrent_changes_to_different_records_both_survive() {
    let (kv, mut a, mut b) = two_tabs();
    // Both tabs change things before either hears of the other's change.
    let from_a = change(&kv, || {
        a.put(Record::Highlight(highlight(
            "h-1",
            "note from A",
            "2026-11-28T13:20:00.000Z",
        )))
        .unwrap();
        a.put(Record::Saved(SavedArticle {
            article: "a-story".into(),
            saved_at: "2026-11-28T13:20:00.000Z".into(),
        }))
        .unwrap();
    });
    let from_b = change(&kv, || {
        b.put(Record::Bookmark(bookmark(
            "b-1",
            "2026-11-28T13:21:00.000Z",
        )))
        .unwrap();
        b.put(Record::Highlight(highlight(
            "h-9",
            "from B",
            "2026-11-28T13:21:00.000Z",
        )))
        .unwrap();
    });
    deliver(&mut a, &from_b);
    deliver(&mut b, &from_a);

    assert_eq!(a.state(), b.state());
    assert_eq!(a.state().highlight("h-1").unwrap().note, "note from A");
    assert!(a.state().highlight("h-9").is_some());
    assert!(a.state().get(RecordKind::Bookmark, "b-1").is_some());
    assert!(a.state().is_saved("a-story"));
    assert_eq!(
        Store::open(kv.clone()).state(),
        a.state(),
        "storage holds all of it"
    );
}

#[test]
fn for_the_same_record_the_later_modified_wins_everywhere() {
    let (kv, mut a, mut b) = two_tabs();
    // B edits later, but A's older edit reaches storage last.
    let from_b = change(&kv, || {
        b.put(Record::Highlight(highlight(
            "h-1",
            "later, from B",
            "2026-11-28T13:30:00.000Z",
        )))
        .unwrap()
    });
    let from_a = change(&kv, || {
        a.put(Record::Highlight(highlight(
            "h-1",
            "earlier, from A",
            "2026-11-28T13:29:00.000Z",
        )))
        .unwrap()
    });
    assert!(deliver(&mut a, &from_b), "A takes B's later version");
    // B hears of A's older version: keeps its own and stores it again.
    let reassert = change(&kv, || assert!(!deliver(&mut b, &from_a)));
    assert_eq!(reassert.len(), 1);
    deliver(&mut a, &reassert);

    let winner = "later, from B";
    assert_eq!(a.state().highlight("h-1").unwrap().note, winner);
    assert_eq!(b.state().highlight("h-1").unwrap().note, winner);
    assert_eq!(
        Store::open(kv.clone())
            .state()
            .highlight("h-1")
            .unwrap()
            .note,
        winner
    );
}

#[test]
fn clearing_storage_in_another_tab_reloads() {
    let (kv, _a, mut b) = two_tabs();
    // Another tab calls `localStorage.clear()`, then saves a bookmark.
    let mut other = kv.clone();
    for key in kv.snapshot().keys() {
        other.remove(key).unwrap();
    }
    let mut c = Store::open(kv.clone());
    c.put(Record::Bookmark(bookmark(
        "b-1",
        "2026-11-28T14:00:00.000Z",
    )))
    .unwrap();
    // The browser reports `clear()` as one event with no key.
    assert!(b.apply_storage_event(None, None));
    assert!(b.state().highlights().next().is_none());
    assert!(b.state().get(RecordKind::Bookmark, "b-1").is_some());
}

#[test]
fn a_newer_version_in_another_tab_makes_this_one_read_only() {
    let (_kv, _a, mut b) = two_tabs();
    assert!(b.apply_storage_event(Some("reader:meta"), Some(r#"{"version":4}"#)));
    assert!(b.read_only().is_some());
    assert!(b
        .put(Record::Bookmark(bookmark(
            "b-1",
            "2026-11-28T14:00:00.000Z"
        )))
        .is_err());
}

#[test]
fn a_version_2_tab_s_json_value_is_merged() {
    // A tab still running version 2 writes its record as JSON before it learns of version 3.
    let (kv, mut a, _b) = two_tabs();
    let mut newer = highlight("h-1", "edited in the old tab", "2026-11-28T15:00:00.000Z");
    newer.color = reader_core::store::Color::Pink;
    let json = serde_json::to_string(&newer).unwrap();
    kv.insert_raw("reader:hl:h-1", &json);
    assert!(a.apply_storage_event(Some("reader:hl:h-1"), Some(&json)));
    assert_eq!(*a.state().highlight("h-1").unwrap(), newer);
    assert_eq!(
        kv.get_raw("reader:hl:h-1").as_deref(),
        Some(json.as_str()),
        "theirs won; it stays stored as it is (it still reads)"
    );

    // An older version 2 value loses: ours is stored again, in the version 3 form.
    let older =
        serde_json::to_string(&highlight("h-1", "stale", "2026-11-28T14:00:00.000Z")).unwrap();
    kv.insert_raw("reader:hl:h-1", &older);
    assert!(!a.apply_storage_event(Some("reader:hl:h-1"), Some(&older)));
    assert_eq!(*a.state().highlight("h-1").unwrap(), newer);
    assert_eq!(
        kv.get_raw("reader:hl:h-1"),
        Some(Record::Highlight(newer.clone()).to_stored())
    );

    // A new record from that tab is added.
    let added = serde_json::to_string(&bookmark("b-9", "2026-11-28T15:00:00.000Z")).unwrap();
    kv.insert_raw("reader:bm:b-9", &added);
    assert!(a.apply_storage_event(Some("reader:bm:b-9"), Some(&added)));
    assert_eq!(
        *a.state().bookmark("b-9").unwrap(),
        bookmark("b-9", "2026-11-28T15:00:00.000Z")
    );
    assert_eq!(Store::open(kv.clone()).state(), a.state());
}

#[test]
fn a_tab_shown_again_catches_up_with_what_changed_while_it_was_hidden() {
    let (kv, mut a, mut b) = two_tabs();
    let bookmarked = change(&kv, || {
        b.put(Record::Bookmark(bookmark(
            "b-1",
            "2026-11-28T13:05:00.000Z",
        )))
        .unwrap()
    });
    assert!(deliver(&mut a, &bookmarked));
    // A change A could not store (storage unavailable for a moment) is kept in A only.
    kv.set_unavailable(true);
    let unstored = highlight("h-a", "only in A", "2026-11-28T13:06:00.000Z");
    assert!(a.put(Record::Highlight(unstored.clone())).is_err());
    kv.set_unavailable(false);

    // A's page is hidden (kept for Back); nothing B does reaches it meanwhile.
    a.hidden();
    b.put(Record::Highlight(highlight(
        "h-1",
        "from B",
        "2026-11-28T13:10:00.000Z",
    )))
    .unwrap();
    b.put(Record::Highlight(highlight(
        "h-3",
        "new in B",
        "2026-11-28T13:10:00.000Z",
    )))
    .unwrap();
    b.delete(RecordKind::Bookmark, "b-1").unwrap();
    let stored = kv.snapshot();

    // Shown again: B's changes are A's, A's unstored one stays, and nothing is written.
    assert!(a.catch_up());
    assert_eq!(a.state().highlight("h-1").unwrap().note, "from B");
    assert_eq!(a.state().highlight("h-3").unwrap().note, "new in B");
    assert!(a.state().bookmark("b-1").is_none());
    assert_eq!(*a.state().highlight("h-a").unwrap(), unstored);
    assert_eq!(kv.snapshot(), stored);
    // Caught up, once more changes nothing.
    a.hidden();
    assert!(!a.catch_up());

    // A newer version's `reader:meta` stored meanwhile makes A read-only, as its event would.
    a.hidden();
    kv.insert_raw("reader:meta", "{\"version\":99}");
    assert!(a.catch_up());
    assert_eq!(a.read_only(), Some(99));
}

//! What a hostile review of the store found (crafted imports, full and corrupted storage, two
//! tabs): each case here lost or bent a reader's data before it was fixed.

mod common;

use common::{change, deliver, fixed_clock, highlight};
use reader_core::formats::web_annotation::Skip;
use reader_core::store::{
    storage_bytes, Bookmark, Invalid, MemoryKv, Notice, NoticeKind, Problem, Record, RecordKind,
    Store, StoreError, MAX_HIGHLIGHTS_PER_ARTICLE,
};
use serde_json::json;

const NOW: &str = "2026-11-30T10:00:00.000Z";

fn open(kv: &MemoryKv) -> Store<MemoryKv> {
    Store::open_with_clock(kv.clone(), fixed_clock(NOW))
}

/// A file with one highlight of `a-story`, modified at `modified`.
fn import_file(id: &str, note: &str, modified: &str) -> String {
    json!([{
        "type": "Annotation",
        "id": id,
        "motivation": "commenting",
        "created": modified,
        "modified": modified,
        "body": {"type": "TextualBody", "value": note},
        "target": {
            "source": "https://reader.example/articles/a-story",
            "selector": [
                {"type": "TextQuoteSelector", "exact": "passage"},
                {"type": "TextPositionSelector", "start": 10, "end": 17}
            ]
        }
    }])
    .to_string()
}

#[test]
fn a_far_future_import_does_not_make_later_edits_revert_across_tabs() {
    let kv = MemoryKv::new();
    let mut one = open(&kv);
    let report = one
        .import(&import_file("h-1", "imported", "9999-12-31T23:59:59Z"))
        .unwrap();
    assert_eq!(report.added, 1);
    assert_eq!(
        one.state().highlight("h-1").unwrap().modified,
        NOW,
        "a time from the future is taken as now"
    );
    let mut two = open(&kv);

    // The reader edits the note in the first tab; the app stamps the edit with its clock.
    let mut edited = one.state().highlight("h-1").unwrap().clone();
    edited.note = "edited".into();
    edited.modified = NOW.into();
    let events = change(&kv, || one.put(Record::Highlight(edited)).unwrap());
    assert!(
        one.state().highlight("h-1").unwrap().modified.as_str() > NOW,
        "later than before"
    );
    assert!(
        deliver(&mut two, &events),
        "the edit arrives in the other tab"
    );
    assert_eq!(two.state().highlight("h-1").unwrap().note, "edited");
    assert_eq!(
        open(&kv).state().highlight("h-1").unwrap().note,
        "edited",
        "and stays"
    );

    // A genuine later version still imports.
    let report = two
        .import(&import_file(
            "h-1",
            "from elsewhere",
            "2026-11-30T10:05:00.000Z",
        ))
        .unwrap();
    assert_eq!(report.updated, 1, "{report:?}");
}

#[test]
fn an_edit_always_beats_the_version_it_replaces_even_one_stamped_ahead_of_this_clock() {
    let kv = MemoryKv::new();
    let ahead = "2026-11-30T10:05:00.000Z"; // within the allowed skew: kept as it is
    let mut one = open(&kv);
    one.put(Record::Highlight(highlight("h-1", "first", ahead)))
        .unwrap();
    assert_eq!(one.state().highlight("h-1").unwrap().modified, ahead);
    let mut two = open(&kv);
    let events = change(&kv, || {
        one.put(Record::Highlight(highlight("h-1", "second", NOW)))
            .unwrap()
    });
    assert_eq!(
        one.state().highlight("h-1").unwrap().modified,
        "2026-11-30T10:05:00.001Z"
    );
    assert!(deliver(&mut two, &events));
    assert_eq!(two.state().highlight("h-1").unwrap().note, "second");
}

#[test]
fn stored_times_from_the_future_are_taken_as_now_and_stored_so() {
    let kv = MemoryKv::new();
    let future = Record::Highlight(highlight("h-1", "", "9999-12-31T23:59:59.000Z"));
    kv.insert_raw(&future.key(), &future.to_stored());
    let store = open(&kv);
    let h = store.state().highlight("h-1").unwrap();
    assert_eq!(h.modified, NOW);
    assert_eq!(
        kv.get_raw("reader:hl:h-1"),
        Some(Record::Highlight(h.clone()).to_stored())
    );
}

#[test]
fn unreadable_stored_times_are_kept_aside_and_ignored_from_other_tabs() {
    let kv = MemoryKv::new();
    let zzz = Record::Highlight(highlight("h-1", "", "zzz"));
    kv.insert_raw(&zzz.key(), &zzz.to_stored());
    let mut store = open(&kv);
    assert!(store.state().highlights().next().is_none());
    assert_eq!(store.notices().len(), 1);
    assert_eq!(store.notices()[0].kind(), NoticeKind::Unreadable);
    assert!(
        matches!(
            &store.notices()[0],
            Notice::Unreadable {
                problem: Problem::Invalid(Invalid::Time { value, .. }),
                ..
            } if value == "zzz"
        ),
        "{:?}",
        store.notices()
    );
    assert_eq!(store.quarantined()[0].raw, zzz.to_stored());

    let theirs = Record::Highlight(highlight("h-2", "", "zzz")).to_stored();
    assert!(!store.apply_storage_event(Some("reader:hl:h-2"), Some(&theirs)));
    assert!(store.state().highlights().next().is_none());
}

const V1: &str = r#"{"version":1,"highlights":[
  {"id":"h1","slug":"a-story","quote":"one passage of the story","start":10,"end":34,"created":"2025-03-01T10:00:00.000Z"},
  {"id":"h2","slug":"a-story","quote":"two passage of the story","start":40,"end":64,"created":"2025-03-01T10:00:00.000Z"},
  {"id":"h3","slug":"a-story","quote":"six passage of the story","start":70,"end":94,"created":"2025-03-01T10:00:00.000Z"}
]}"#;

/// Storage holding the version 1 blob with room for `reader:meta` and one highlight only.
fn v1_with_room_for_one() -> MemoryKv {
    let kv = MemoryKv::new();
    kv.insert_raw("reader:annotations", V1);
    // What the migration makes of h1, seen in a separate storage.
    let h1 = Record::Highlight(open(&copy_of(&kv)).state().highlight("h1").unwrap().clone());
    let room = storage_bytes("reader:meta", r#"{"version":3}"#)
        + storage_bytes(&h1.key(), &h1.to_stored());
    kv.set_capacity(Some(kv.used_bytes() + room));
    kv
}

/// A separate storage holding the same values.
fn copy_of(kv: &MemoryKv) -> MemoryKv {
    let copy = MemoryKv::new();
    for (k, v) in kv.snapshot() {
        copy.insert_raw(&k, &v);
    }
    copy
}

#[test]
fn a_highlight_deleted_during_an_unfinished_v1_migration_stays_deleted() {
    let kv = v1_with_room_for_one();
    let mut store = open(&kv);
    assert_eq!(store.state().highlights().count(), 3, "all shown");
    assert!(kv.get_raw("reader:hl:h1").is_some(), "only h1 fits");
    assert!(kv.get_raw("reader:hl:h2").is_none());
    assert_eq!(store.notices()[0].kind(), NoticeKind::Migration);

    store.delete(RecordKind::Highlight, "h1").unwrap();
    kv.set_capacity(None);
    let reopened = open(&kv);
    let ids: Vec<&str> = reopened
        .state()
        .highlights()
        .map(|h| h.id.as_str())
        .collect();
    assert_eq!(ids, ["h2", "h3"], "h1 does not come back");
    assert!(kv.get_raw("reader:annotations").is_none(), "migration done");
    let reopened = open(&kv);
    assert_eq!(reopened.state().highlights().count(), 2);
}

#[test]
fn an_unfinished_v1_migration_finishes_as_soon_as_there_is_room() {
    let kv = v1_with_room_for_one();
    let mut store = open(&kv);
    assert!(kv.get_raw("reader:annotations").is_some());
    kv.set_capacity(None);
    // The reader's next change: the rest of the migration is written with it.
    store
        .put(Record::Bookmark(Bookmark {
            id: "b-1".into(),
            article: "a-story".into(),
            block: 1,
            label: String::new(),
            excerpt: String::new(),
            created: NOW.into(),
            modified: NOW.into(),
        }))
        .unwrap();
    for id in ["h1", "h2", "h3"] {
        assert!(kv.get_raw(&format!("reader:hl:{id}")).is_some(), "{id}");
    }
    assert!(kv.get_raw("reader:annotations").is_none());
    assert_eq!(store.quarantined()[0].original_key, "reader:annotations");
}

#[test]
fn an_unreadable_version_note_is_copied_aside_before_a_v1_migration_replaces_it() {
    let kv = MemoryKv::new();
    let garbage = "not a version note ".repeat(8);
    kv.insert_raw("reader:meta", &garbage);
    kv.insert_raw("reader:annotations", V1);
    // Room for the version note, not for a copy of the unreadable one.
    kv.set_capacity(Some(kv.used_bytes() + 100));
    let mut store = open(&kv);
    assert_eq!(store.state().highlights().count(), 3);
    assert_eq!(
        kv.get_raw("reader:meta").as_deref(),
        Some(garbage.as_str()),
        "never replaced without a copy"
    );
    kv.set_capacity(None);
    store.delete(RecordKind::Highlight, "h3").unwrap();
    assert_eq!(
        kv.get_raw("reader:meta").as_deref(),
        Some(r#"{"version":3}"#)
    );
    let kept: Vec<String> = store.quarantined().into_iter().map(|q| q.raw).collect();
    assert!(kept.contains(&garbage), "{kept:?}");
}

#[test]
fn notices_raised_after_opening_are_handed_over_once() {
    let kv = MemoryKv::new();
    kv.insert_raw("reader:hl:bad", "{");
    let mut store = open(&kv);
    let first = store.drain_notices();
    assert_eq!(first.len(), 1);
    assert_eq!(first[0].kind(), NoticeKind::Unreadable);
    assert!(store.drain_notices().is_empty());
    assert!(store.apply_storage_event(Some("reader:meta"), Some(r#"{"version":9}"#)));
    let later = store.drain_notices();
    assert_eq!(later.len(), 1);
    assert_eq!(later[0].kind(), NoticeKind::ReadOnly);
    assert!(store.drain_notices().is_empty());
}

#[test]
fn an_import_stops_adding_highlights_to_an_article_at_the_limit() {
    let kv = MemoryKv::new();
    let mut store = open(&kv);
    let items: Vec<serde_json::Value> = (0..=MAX_HIGHLIGHTS_PER_ARTICLE)
        .map(|i| {
            serde_json::from_str::<serde_json::Value>(&import_file(&format!("h-{i}"), "", NOW))
                .unwrap()[0]
                .clone()
        })
        .collect();
    let report = store
        .import(&serde_json::Value::Array(items).to_string())
        .unwrap();
    assert_eq!(report.added, MAX_HIGHLIGHTS_PER_ARTICLE);
    assert_eq!(report.skipped.len(), 1);
    assert_eq!(
        report.skipped[0].reason,
        Skip::ArticleFull {
            limit: MAX_HIGHLIGHTS_PER_ARTICLE
        }
    );
}

#[test]
fn a_backup_numbered_at_the_highest_number_is_never_overwritten() {
    let kv = MemoryKv::new();
    let highest = format!("reader:backup:{}:x", u64::MAX);
    kv.insert_raw(&highest, "kept");
    kv.insert_raw("reader:hl:a", "{");
    kv.insert_raw("reader:hl:b", "[");
    let store = open(&kv);
    assert_eq!(store.notices().len(), 2);
    let kept: Vec<(String, String)> = store
        .quarantined()
        .into_iter()
        .map(|q| (q.backup_key, q.raw))
        .collect();
    assert_eq!(kept.len(), 3, "{kept:?}");
    assert!(kept.contains(&(highest, "kept".into())));
}

#[test]
fn paragraph_numbers_beyond_any_article_are_refused() {
    let kv = MemoryKv::new();
    let mut store = open(&kv);
    let bookmark = Bookmark {
        id: "b-1".into(),
        article: "a-story".into(),
        block: usize::MAX,
        label: String::new(),
        excerpt: String::new(),
        created: NOW.into(),
        modified: NOW.into(),
    };
    assert!(matches!(
        store.put(Record::Bookmark(bookmark.clone())),
        Err(StoreError::Invalid(_))
    ));
    kv.insert_raw(
        "reader:bm:b-1",
        &format!(r#"={{"a":"a-story","b":18446744073709551615,"t":["{NOW}","{NOW}"]}}"#),
    );
    let store = open(&kv);
    assert!(store.state().bookmarks().next().is_none());
    assert_eq!(store.notices().len(), 1);
    let file = json!([{
        "type": "Annotation", "id": "b-2", "motivation": "bookmarking", "created": NOW,
        "target": {"source": "https://reader.example/articles/a-story",
                   "selector": {"type": "CssSelector", "value": "[data-block=\"18446744073709551615\"]"}}
    }]);
    let mut store = open(&kv);
    let report = store.import(&file.to_string()).unwrap();
    assert_eq!(report.added, 0);
    assert_eq!(
        report.skipped[0].reason,
        Skip::Invalid(Invalid::BlockBeyond { block: usize::MAX })
    );
}

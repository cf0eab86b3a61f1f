//! [`Store`]: the annotations in memory over a [`KeyValue`] backend, one key per record.
//!
//! - Opening never fails ([`load`]). Unreadable stored data is kept aside under a backup key
//!   and the reader told once ([`Notice`]); older data is migrated ([`migrate`]: version 1's
//!   blob; version 2 values are rewritten in the version 3 form); data of a newer version makes
//!   the store read-only; unavailable storage gives an empty, working store and a notice.
//! - A change updates memory first, then writes its one key ([`Store::put`],
//!   [`Store::delete`]); when the write fails the change is still in memory and the error says
//!   why (nothing stored earlier is touched).
//! - Another tab's change arrives through [`Store::apply_storage_event`] ([`sync`]) and is
//!   merged by id; an import ([`import`]) merges the same way.
//!
//! The store's fields are private: the app changes the data only through methods that also
//! write it.

pub mod import;
mod load;
mod migrate;
mod sync;

use super::codec::{self, v1::V1Data, SCHEMA_VERSION};
use super::keys::{self, KeyClass, META_KEY};
use super::kv::{KeyValue, StoreError};
use super::notice::Notice;
use super::records::{Record, RecordKind};
use super::state::Annotations;
use super::time;
use crate::formats::ArticleInfo;

pub use import::MAX_HIGHLIGHTS_PER_ARTICLE;

/// The time now, in the stored form ("2026-11-28T13:05:00.000Z"): the browser's clock in the
/// app, the system clock natively ([`Store::open`]), a fixed one in tests.
pub type Clock = Box<dyn Fn() -> String>;

/// Data kept aside under a backup key.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Quarantined {
    pub backup_key: String,
    /// The key it was stored under.
    pub original_key: String,
    pub raw: String,
}

impl Quarantined {
    /// The file the reader downloads to keep data that was kept aside: pretty-printed JSON,
    /// `{"keptAside": [{"key", "originalKey", "raw"}, …]}`, each text as it was stored. Laid
    /// out here rather than through `serde_json::Value`, which the app would carry for this
    /// file alone (it must work offline, before any worker was loaded).
    pub fn file(items: &[Quarantined]) -> String {
        let text = |s: &str| serde_json::to_string(s).unwrap_or_default();
        let entries: Vec<String> = items
            .iter()
            .map(|q| {
                format!(
                    "    {{\n      \"key\": {},\n      \"originalKey\": {},\n      \"raw\": {}\n    }}",
                    text(&q.backup_key),
                    text(&q.original_key),
                    text(&q.raw)
                )
            })
            .collect();
        if entries.is_empty() {
            return "{\n  \"keptAside\": []\n}".into();
        }
        format!("{{\n  \"keptAside\": [\n{}\n  ]\n}}", entries.join(",\n"))
    }
}

/// The reader's annotations, in memory and in storage.
pub struct Store<K: KeyValue> {
    kv: K,
    /// Everything loaded and changed.
    state: Annotations,
    /// Everything the reader should be told, in order; see [`Store::drain_notices`].
    notices: Vec<Notice>,
    /// How many of `notices` were handed over by [`Store::drain_notices`].
    drained: usize,
    /// The newer storage version that makes annotations read-only here, if any.
    read_only: Option<u32>,
    articles: Vec<ArticleInfo>,
    /// Storage was read successfully (false while it is unavailable).
    loaded: bool,
    /// `reader:meta` holds this version.
    meta_written: bool,
    clock: Clock,
    /// A version 1 migration that could not be finished yet.
    pending_v1: Option<PendingV1>,
    /// The keys of the records stored as the page was hidden (see [`Store::hidden`]).
    hidden: Vec<String>,
}

/// The highlights of the version 1 blob not stored yet, and the blob as read.
struct PendingV1 {
    data: V1Data,
    raw: String,
    ids: Vec<String>,
}

impl<K: KeyValue> Store<K> {
    /// Opens the store over `kv` with the system clock (not in WebAssembly, which has none:
    /// there use [`Store::open_with_clock`]). Never fails: see the module documentation.
    #[cfg(not(target_arch = "wasm32"))]
    pub fn open(kv: K) -> Store<K> {
        Store::open_with_clock(kv, Box::new(system_now))
    }

    /// Opens the store over `kv`; `clock` tells the time now. Never fails.
    pub fn open_with_clock(kv: K, clock: Clock) -> Store<K> {
        let mut store = Store {
            kv,
            state: Annotations::default(),
            notices: Vec::new(),
            drained: 0,
            read_only: None,
            articles: Vec::new(),
            loaded: false,
            meta_written: false,
            clock,
            pending_v1: None,
            hidden: Vec::new(),
        };
        store.load();
        store
    }

    /// Everything loaded and changed.
    pub fn state(&self) -> &Annotations {
        &self.state
    }

    /// The newer storage version that makes annotations read-only here, if they are.
    pub fn read_only(&self) -> Option<u32> {
        self.read_only
    }

    /// Every notice raised so far.
    pub fn notices(&self) -> &[Notice] {
        &self.notices
    }

    /// The notices raised since the last call (all of them, the first time): the app calls
    /// this after each thing it asks of the store and shows what it gets.
    pub fn drain_notices(&mut self) -> Vec<Notice> {
        let new = self.notices[self.drained.min(self.notices.len())..].to_vec();
        self.drained = self.notices.len();
        new
    }

    /// Whether storage could be read (if not, changes are kept in memory only).
    pub fn storage_available(&self) -> bool {
        self.loaded
    }

    /// The app's articles, used by [`Store::import`] to recognise which article an imported
    /// annotation is about.
    pub fn set_articles(&mut self, articles: Vec<ArticleInfo>) {
        self.articles = articles;
    }

    /// Saves `record` (added or replacing the one with its kind and id): memory first, then
    /// its one key. On `QuotaExceeded`/`Unavailable` the change is still in memory.
    ///
    /// Its times are taken as now when they lie in the future (beyond [`time::MAX_SKEW_MS`]),
    /// and a change is always later than the version it replaces (at least a millisecond),
    /// so it wins in every tab even if the stored version carries a time ahead of this clock.
    pub fn put(&mut self, mut record: Record) -> Result<(), StoreError> {
        record.validate().map_err(StoreError::Invalid)?;
        self.ensure_loaded();
        self.check_writable()?;
        self.clamp_times(&mut record);
        if let Some(ours) = self.state.get(record.kind(), record.id()) {
            if record != ours && record.modified() <= ours.modified() {
                if let Some(later) = time::just_after(ours.modified()) {
                    record.set_modified(later);
                }
            }
        }
        self.state.insert(record.clone());
        let written = self.write(&record);
        self.continue_v1();
        written
    }

    /// Removes the record of `kind` with `id` (the article slug for reading list and
    /// position), from memory and from storage.
    pub fn delete(&mut self, kind: RecordKind, id: &str) -> Result<(), StoreError> {
        self.ensure_loaded();
        self.check_writable()?;
        if let Some(gone) = self.state.remove(kind, id) {
            self.forget_early(&gone);
        }
        let removed = self.kv.remove(&kind.key(id));
        self.continue_v1();
        removed
    }

    /// Data kept aside (unreadable records, migrated originals), oldest first.
    pub fn quarantined(&self) -> Vec<Quarantined> {
        let Ok(keys) = self.kv.keys() else {
            return Vec::new();
        };
        let mut list: Vec<(u64, Quarantined)> = keys
            .iter()
            .filter_map(|key| match keys::classify(key) {
                KeyClass::Backup { n, original } => Some((
                    n,
                    Quarantined {
                        backup_key: key.clone(),
                        original_key: original.to_string(),
                        raw: self.kv.get(key).ok().flatten()?,
                    },
                )),
                _ => None,
            })
            .collect();
        crate::sort::sort_by_key(&mut list, |(n, _)| *n);
        list.into_iter().map(|(_, q)| q).collect()
    }

    /// Bytes the whole origin's storage holds (every key, the app's or not), counted as
    /// browsers count them ([`super::kv::storage_bytes`]); `None` if storage cannot be read.
    pub fn used_bytes(&self) -> Option<usize> {
        let keys = self.kv.keys().ok()?;
        Some(
            keys.iter()
                .filter_map(|k| Some(super::kv::storage_bytes(k, &self.kv.get(k).ok()??)))
                .sum(),
        )
    }

    /// Deletes data kept aside (after the reader downloaded it, or chose to); `false` if
    /// `backup_key` is not a backup key.
    pub fn discard_backup(&mut self, backup_key: &str) -> Result<bool, StoreError> {
        match keys::classify(backup_key) {
            KeyClass::Backup { .. } => self.kv.remove(backup_key).map(|()| true),
            _ => Ok(false),
        }
    }

    /// Times in `record` that lie too far in the future (an import made on a machine whose
    /// clock was wrong, a crafted file) become now.
    fn clamp_times(&self, record: &mut Record) {
        clamp_times(record, &*self.clock);
    }

    fn check_writable(&self) -> Result<(), StoreError> {
        match self.read_only {
            Some(version) => Err(StoreError::ReadOnly { version }),
            None => Ok(()),
        }
    }

    /// Writes one record's key, with `reader:meta` first if this version has not written it:
    /// the one write path, so an unreadable `reader:meta` is always copied aside before it is
    /// replaced, and a newer one is never replaced.
    /// A highlight's article's early drawing ([`crate::early`]) goes first: it would show the
    /// highlight as it was. A full storage drops every article's early drawing, a copy the
    /// app can write again, before it refuses the reader's change.
    fn write(&mut self, record: &Record) -> Result<(), StoreError> {
        self.write_meta()?;
        self.forget_early(record);
        let (key, value) = (record.key(), record.to_stored());
        match self.kv.set(&key, &value) {
            Err(StoreError::QuotaExceeded) if self.forget_all_early() => self.kv.set(&key, &value),
            written => written,
        }
    }

    /// Removes the early drawing of `record`'s article, if it is a highlight (best effort: a
    /// copy that cannot be removed is no reason to refuse a change).
    pub(super) fn forget_early(&mut self, record: &Record) {
        if let Record::Highlight(h) = record {
            let _ = self.kv.remove(&crate::early::key(&h.article));
        }
    }

    /// Removes every article's early drawing; whether there was any.
    pub(super) fn forget_all_early(&mut self) -> bool {
        let keys = self.kv.keys().unwrap_or_default();
        let early: Vec<&String> = keys
            .iter()
            .filter(|k| k.starts_with(crate::early::PREFIX))
            .collect();
        for key in &early {
            let _ = self.kv.remove(key);
        }
        !early.is_empty()
    }

    fn write_meta(&mut self) -> Result<(), StoreError> {
        if self.meta_written {
            return Ok(());
        }
        if let Some(raw) = self.kv.get(META_KEY)? {
            match codec::decode_meta(&raw) {
                // Another tab stored a newer version since we opened: never downgrade.
                Ok(v) if v > SCHEMA_VERSION => {
                    self.become_read_only(v, 0);
                    return self.check_writable();
                }
                Ok(_) => {}
                // Unreadable and not yet kept aside (that failed when opening): keep a copy
                // before replacing it, or write nothing.
                Err(_) => {
                    let backup = keys::backup_key(self.next_backup_number(), META_KEY);
                    self.kv.set(&backup, &raw)?;
                }
            }
        }
        self.kv.set(META_KEY, &codec::meta_json())?;
        self.meta_written = true;
        Ok(())
    }

    fn become_read_only(&mut self, version: u32, unreadable: usize) {
        self.read_only = Some(version);
        self.notices.push(Notice::ReadOnly {
            version,
            unreadable,
        });
    }
}

/// The system clock, in the stored form.
#[cfg(not(target_arch = "wasm32"))]
fn system_now() -> String {
    let millis = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_millis() as i64);
    time::from_millis(millis)
}

/// Takes `record`'s times that lie after `now` (beyond [`time::MAX_SKEW_MS`]) as now.
fn clamp_times(record: &mut Record, now: &dyn Fn() -> String) {
    let mut at = None;
    for t in record.times_mut() {
        let at = at.get_or_insert_with(now);
        *t = time::not_after(t, at);
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn kept_aside_data_downloads_as_pretty_json_with_each_text_as_stored() {
        let items = [
            Quarantined {
                backup_key: "reader:backup:1:reader:hl:x".into(),
                original_key: "reader:hl:x".into(),
                raw: "{\"broken\": \"quote \\\" line\nbreak \u{1}\"".into(),
            },
            Quarantined {
                backup_key: "reader:backup:2:reader:meta".into(),
                original_key: "reader:meta".into(),
                raw: "ünïcode".into(),
            },
        ];
        let file = Quarantined::file(&items);
        assert_eq!(
            serde_json::from_str::<serde_json::Value>(&file).unwrap(),
            serde_json::json!({ "keptAside": [
                { "key": items[0].backup_key, "originalKey": items[0].original_key, "raw": items[0].raw },
                { "key": items[1].backup_key, "originalKey": items[1].original_key, "raw": items[1].raw },
            ] })
        );
        let pretty = serde_json::to_string_pretty(
            &serde_json::from_str::<serde_json::Value>(&file).unwrap(),
        )
        .unwrap();
        assert_eq!(file, pretty, "laid out as serde_json's pretty printer does");
        assert_eq!(Quarantined::file(&[]), "{\n  \"keptAside\": []\n}");
    }

    use super::*;
    use crate::store::fixtures::{bookmark, highlight, T1};
    use crate::store::kv::MemoryKv;

    #[test]
    fn put_writes_meta_once_and_one_key_per_record() {
        let kv = MemoryKv::new();
        let mut store = Store::open(kv.clone());
        assert!(store.notices().is_empty());
        assert!(kv.snapshot().is_empty(), "opening writes nothing");
        store.put(Record::Highlight(highlight("h-1"))).unwrap();
        store.put(Record::Bookmark(bookmark("b-1"))).unwrap();
        let keys: Vec<String> = kv.snapshot().into_keys().collect();
        assert_eq!(keys, ["reader:bm:b-1", "reader:hl:h-1", "reader:meta"]);
        store.delete(RecordKind::Bookmark, "b-1").unwrap();
        assert!(kv.get_raw("reader:bm:b-1").is_none());
        assert!(store.state().count(RecordKind::Bookmark) == 0);
    }

    #[test]
    fn a_change_to_a_highlight_removes_its_articles_early_drawing_only() {
        let kv = MemoryKv::new();
        let mut store = Store::open(kv.clone());
        let ours = crate::early::key("an-article");
        let other = crate::early::key("another");
        let drawn = || {
            kv.insert_raw(&ours, "{}");
            kv.insert_raw(&other, "{}");
        };
        drawn();
        store.put(Record::Bookmark(bookmark("b-1"))).unwrap();
        assert!(kv.get_raw(&ours).is_some(), "a bookmark is not drawn early");
        let mut h = highlight("h-1");
        store.put(Record::Highlight(h.clone())).unwrap();
        assert_eq!(kv.get_raw(&ours), None);
        drawn();
        h.note = "changed".into();
        store.put(Record::Highlight(h)).unwrap();
        assert_eq!(kv.get_raw(&ours), None);
        drawn();
        store.delete(RecordKind::Highlight, "h-1").unwrap();
        assert_eq!(kv.get_raw(&ours), None);
        assert_eq!(kv.get_raw(&other).as_deref(), Some("{}"));
    }

    #[test]
    fn a_full_storage_drops_the_early_drawings_before_refusing_a_save() {
        let kv = MemoryKv::new();
        let mut store = Store::open(kv.clone());
        store.put(Record::Bookmark(bookmark("b-1"))).unwrap();
        let early = crate::early::key("another");
        kv.insert_raw(&early, &"x".repeat(400));
        kv.set_capacity(Some(kv.used_bytes() + 100));
        store.put(Record::Bookmark(bookmark("b-2"))).unwrap();
        assert_eq!(kv.get_raw(&early), None);
        assert!(kv.get_raw("reader:bm:b-2").is_some());
        // With nothing left to drop, a full storage refuses as before.
        kv.set_capacity(Some(kv.used_bytes()));
        assert_eq!(
            store.put(Record::Bookmark(bookmark("b-3"))),
            Err(StoreError::QuotaExceeded)
        );
    }

    #[test]
    fn data_kept_aside_on_opening_removes_every_early_drawing() {
        let kv = MemoryKv::new();
        kv.insert_raw(&crate::early::key("a"), "{}");
        kv.insert_raw("reader:hl:broken", "{");
        let store = Store::open(kv.clone());
        assert_eq!(store.quarantined().len(), 1);
        assert_eq!(kv.get_raw(&crate::early::key("a")), None);
    }

    #[test]
    fn invalid_records_are_refused() {
        let mut store = Store::open(MemoryKv::new());
        let err = store.put(Record::Highlight(highlight(""))).unwrap_err();
        assert_eq!(
            err,
            StoreError::Invalid(crate::store::Invalid::Empty(crate::store::Field::Id))
        );
        assert!(store.state().is_empty());
    }

    #[test]
    fn backups_are_numbered_listed_and_discarded() {
        let kv = MemoryKv::new();
        kv.insert_raw("reader:hl:a", "{");
        kv.insert_raw("reader:hl:b", "[]");
        let mut store = Store::open(kv.clone());
        assert_eq!(store.notices().len(), 2);
        let kept = store.quarantined();
        let keys: Vec<&str> = kept.iter().map(|q| q.backup_key.as_str()).collect();
        assert_eq!(
            keys,
            ["reader:backup:1:reader:hl:a", "reader:backup:2:reader:hl:b"]
        );
        assert_eq!(kept[1].original_key, "reader:hl:b");
        assert_eq!(kept[1].raw, "[]");
        let used = store.used_bytes().unwrap();
        assert_eq!(used, kv.used_bytes());
        store.discard_backup(&kept[0].backup_key).unwrap();
        assert_eq!(store.quarantined().len(), 1);
        assert_eq!(
            store.used_bytes(),
            Some(used - crate::store::storage_bytes(&kept[0].backup_key, "{"))
        );
        assert_eq!(store.discard_backup("reader:hl:x"), Ok(false));
    }

    #[test]
    fn a_newer_meta_from_another_tab_makes_the_store_read_only() {
        let kv = MemoryKv::new();
        let mut store = Store::open(kv.clone());
        assert!(store.apply_storage_event(Some("reader:meta"), Some(r#"{"version":4}"#)));
        assert!(store.read_only().is_some());
        assert!(matches!(
            store.put(Record::Highlight(highlight("h"))),
            Err(StoreError::ReadOnly { version: 4 })
        ));
        assert!(kv.snapshot().is_empty());
    }

    #[test]
    fn a_newer_meta_written_after_opening_is_never_downgraded() {
        let kv = MemoryKv::new();
        let mut store = Store::open(kv.clone());
        kv.insert_raw("reader:meta", r#"{"version":4}"#); // event not delivered yet
        assert!(matches!(
            store.put(Record::Highlight(highlight("h"))),
            Err(StoreError::ReadOnly { version: 4 })
        ));
        assert_eq!(
            kv.get_raw("reader:meta").as_deref(),
            Some(r#"{"version":4}"#)
        );
        assert!(kv.get_raw("reader:hl:h").is_none());
    }

    #[test]
    fn an_unreadable_version_note_is_never_overwritten_without_a_copy() {
        let kv = MemoryKv::new();
        kv.insert_raw("reader:meta", "garbage");
        kv.set_capacity(Some(kv.used_bytes())); // no room to keep it aside when opening
        let mut store = Store::open(kv.clone());
        assert_eq!(store.notices().len(), 1);
        assert_eq!(kv.get_raw("reader:meta").as_deref(), Some("garbage"));
        assert!(store.put(Record::Highlight(highlight("h"))).is_err());
        assert_eq!(kv.get_raw("reader:meta").as_deref(), Some("garbage"));
        kv.set_capacity(None);
        store.put(Record::Highlight(highlight("h"))).unwrap();
        assert_eq!(
            kv.get_raw("reader:meta").as_deref(),
            Some(r#"{"version":3}"#)
        );
        assert_eq!(store.quarantined()[0].raw, "garbage");
    }

    #[test]
    fn an_older_version_from_another_tab_is_stored_over_again() {
        let kv = MemoryKv::new();
        let mut store = Store::open(kv.clone());
        let mut ours = highlight("h");
        ours.modified = T1.into();
        store.put(Record::Highlight(ours.clone())).unwrap();
        let theirs = Record::Highlight(highlight("h")).to_stored();
        kv.insert_raw("reader:hl:h", &theirs); // a slower tab wrote its older version last
        assert!(!store.apply_storage_event(Some("reader:hl:h"), Some(&theirs)));
        assert_eq!(*store.state().highlight("h").unwrap(), ours);
        assert_eq!(
            kv.get_raw("reader:hl:h"),
            Some(Record::Highlight(ours).to_stored())
        );
    }

    #[test]
    fn storage_that_comes_back_gets_the_changes_made_meanwhile() {
        let kv = MemoryKv::new();
        kv.insert_raw(
            "reader:bm:b-1",
            &Record::Bookmark(bookmark("b-1")).to_stored(),
        );
        kv.set_unavailable(true);
        let mut store = Store::open(kv.clone());
        assert!(!store.storage_available());
        assert!(store.put(Record::Highlight(highlight("h-1"))).is_err());
        assert_eq!(store.notices().len(), 1);
        kv.set_unavailable(false);
        store.put(Record::Highlight(highlight("h-2"))).unwrap();
        assert!(store.storage_available());
        assert_eq!(store.notices().len(), 1, "no second notice");
        assert_eq!(store.state().count(RecordKind::Highlight), 2);
        assert_eq!(
            store.state().count(RecordKind::Bookmark),
            1,
            "stored data loaded"
        );
        let stored = kv.snapshot();
        assert!(stored.contains_key("reader:hl:h-1") && stored.contains_key("reader:hl:h-2"));
    }
}

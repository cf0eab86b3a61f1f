//! [`Store`]: the annotations in memory over a [`KeyValue`] backend, one key per record.
//!
//! - Opening never fails. Unreadable stored data is kept aside under a backup key and the
//!   reader told once ([`Notice`]); older data is migrated (version 2 values are rewritten in
//!   the version 3 form, see [`super::migrate`]); data of a newer version makes the store
//!   read-only; unavailable storage gives an empty, working store and a notice.
//! - A change updates memory first, then writes its one key; when the write fails the change
//!   is still in memory and the error says why (nothing stored earlier is touched).
//! - Another tab's change arrives through [`Store::apply_storage_event`] and is merged by id.

use super::export::ArticleInfo;
use super::import::{self, ImportError, ImportReport, Skipped};
use super::kv::{KeyValue, StoreError};
use super::migrate::{self, V1Data};
use super::records::{Record, RecordKind};
use super::schema::{self, KeyClass, LEGACY_KEY, META_KEY, SCHEMA_VERSION};
use super::state::{Annotations, MergeOutcome};
use super::stored;
use super::time;

/// The time now, in the stored form ("2026-11-28T13:05:00.000Z"): the browser's clock in the
/// app, the system clock natively ([`Store::open`]), a fixed one in tests.
pub type Clock = Box<dyn Fn() -> String>;

/// An article holds at most this many highlights; an import adding more is cut short with a
/// reason. Far beyond what a reader makes by hand, it bounds the work of placing them all
/// each time the article opens.
pub const MAX_HIGHLIGHTS_PER_ARTICLE: usize = 2_000;

/// What a notice is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NoticeKind {
    /// Stored data could not be read; it was kept aside (or left in place) and can be downloaded.
    Unreadable,
    /// Data of a newer version: annotations are read-only.
    ReadOnly,
    /// Storage cannot be used; changes last only as long as the tab.
    Unavailable,
    /// Upgrading older data could not be finished; it is retried next time.
    Migration,
    /// A change could not be saved (made by the app from a [`StoreError`]).
    Error,
}

/// Something the reader should be told, once.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Notice {
    pub kind: NoticeKind,
    pub message: String,
    /// Where the data was kept aside, if it was.
    pub backup_key: Option<String>,
    /// The data itself, for the reader to download.
    pub raw: Option<String>,
}

impl Notice {
    pub fn new(kind: NoticeKind, message: impl Into<String>) -> Notice {
        Notice {
            kind,
            message: message.into(),
            backup_key: None,
            raw: None,
        }
    }

    /// A notice about a failed change.
    pub fn error(message: impl Into<String>) -> Notice {
        Notice::new(NoticeKind::Error, message)
    }
}

/// Data kept aside under a backup key.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Quarantined {
    pub backup_key: String,
    /// The key it was stored under.
    pub original_key: String,
    pub raw: String,
}

/// The reader's annotations, in memory and in storage.
pub struct Store<K: KeyValue> {
    kv: K,
    /// Everything loaded and changed; the app reads it.
    pub state: Annotations,
    /// Told to the reader once; produced when opening, and later (another tab's newer version
    /// makes the store read-only, storage fails): see [`Store::drain_notices`].
    pub notices: Vec<Notice>,
    /// How many of `notices` were handed over by [`Store::drain_notices`].
    drained: usize,
    /// Why annotations cannot be changed here, if they cannot (data of a newer version).
    pub read_only: Option<String>,
    articles: Vec<ArticleInfo>,
    /// Storage was read successfully (false while it is unavailable).
    loaded: bool,
    /// `reader:meta` holds this version.
    meta_written: bool,
    clock: Clock,
    /// A version 1 migration that could not be finished yet.
    pending_v1: Option<PendingV1>,
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
        };
        store.load();
        store
    }

    /// The notices raised since the last call (all of them, the first time): the app calls
    /// this after each thing it asks of the store and shows what it gets.
    pub fn drain_notices(&mut self) -> Vec<Notice> {
        let new = self.notices[self.drained.min(self.notices.len())..].to_vec();
        self.drained = self.notices.len();
        new
    }

    pub fn kv(&self) -> &K {
        &self.kv
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
                    set_modified(&mut record, later);
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
        self.state.remove(kind, id);
        let removed = self.kv.remove(&kind.key(id));
        self.continue_v1();
        removed
    }

    /// Times in `record` that lie too far in the future (an import made on a machine whose
    /// clock was wrong, a crafted file) become now.
    fn clamp_times(&self, record: &mut Record) {
        let mut now = None;
        for t in record.times_mut() {
            let now = now.get_or_insert_with(|| (self.clock)());
            *t = time::not_after(t, now);
        }
    }

    /// Applies a `storage` event from another tab (`key` `None` means storage was cleared).
    /// Returns whether the state (or read-only status) changed.
    pub fn apply_storage_event(&mut self, key: Option<&str>, new_value: Option<&str>) -> bool {
        let Some(key) = key else {
            let before = (self.state.clone(), self.read_only.clone());
            self.load();
            return before != (self.state.clone(), self.read_only.clone());
        };
        match schema::classify(key) {
            KeyClass::Meta => match new_value.map(schema::parse_meta) {
                Some(Ok(v)) if v > SCHEMA_VERSION && self.read_only.is_none() => {
                    self.become_read_only(v, 0);
                    true
                }
                Some(Ok(v)) => {
                    self.meta_written = v == SCHEMA_VERSION;
                    false
                }
                _ => {
                    self.meta_written = false;
                    false
                }
            },
            KeyClass::Record { kind, id } => match new_value {
                None => self.state.remove(kind, id).is_some(),
                // Unreadable data from elsewhere is kept aside on the next start.
                Some(raw) => match schema::parse_record(key, raw) {
                    Err(_) => false,
                    Ok(mut theirs) => {
                        let as_stored = theirs.clone();
                        self.clamp_times(&mut theirs);
                        let clamped = theirs != as_stored;
                        match self.state.merge(theirs) {
                            MergeOutcome::Added | MergeOutcome::Updated => {
                                if clamped {
                                    // Stored with a time from the future: store it as taken here.
                                    self.reassert(kind, id, raw);
                                }
                                true
                            }
                            MergeOutcome::Skipped => {
                                self.reassert(kind, id, raw);
                                false
                            }
                        }
                    }
                },
            },
            _ => false,
        }
    }

    /// Ours beat (or equal) the version another tab just stored: unless storage already holds
    /// ours in this version's form, store ours again, so storage and every tab agree on the
    /// winner (best effort; a failure leaves theirs stored, which still reads).
    fn reassert(&mut self, kind: RecordKind, id: &str, stored: &str) {
        if self.read_only.is_some() {
            return;
        }
        if let Some(ours) = self.state.get(kind, id) {
            if ours.to_stored() != stored {
                let _ = self.write(&ours);
            }
        }
    }

    /// Imports Web Annotation JSON (see [`import::parse`]) and merges it by id.
    pub fn import(&mut self, json: &str) -> Result<ImportReport, ImportError> {
        let articles = std::mem::take(&mut self.articles);
        let result = self.import_with(json, &articles);
        self.articles = articles;
        result
    }

    /// [`Store::import`] recognising the articles in `articles`.
    pub fn import_with(
        &mut self,
        json: &str,
        articles: &[ArticleInfo],
    ) -> Result<ImportReport, ImportError> {
        self.ensure_loaded();
        if let Some(why) = &self.read_only {
            return Err(ImportError::ReadOnly(why.clone()));
        }
        let parsed = import::parse(json, articles)?;
        let mut report = ImportReport {
            skipped: parsed.skipped,
            ..ImportReport::default()
        };
        let mut highlights: std::collections::HashMap<String, usize> = Default::default();
        for h in self.state.highlights.values() {
            *highlights.entry(h.article.clone()).or_default() += 1;
        }
        for imported in parsed.records {
            let mut record = imported.record;
            self.clamp_times(&mut record);
            let new_highlight = matches!(record, Record::Highlight(_))
                && self.state.get(record.kind(), record.id()).is_none();
            if new_highlight {
                let count = highlights.entry(record.article().to_string()).or_default();
                if *count >= MAX_HIGHLIGHTS_PER_ARTICLE {
                    report.skipped.push(Skipped {
                        item: imported.item,
                        id: Some(imported.id),
                        reason: format!(
                            "its article already has {MAX_HIGHLIGHTS_PER_ARTICLE} highlights, the most one article can hold"
                        ),
                    });
                    continue;
                }
                *count += 1;
            }
            let ours = self.state.get(record.kind(), record.id());
            let outcome = self.state.merge(record.clone());
            match outcome {
                MergeOutcome::Added => report.added += 1,
                MergeOutcome::Updated => report.updated += 1,
                MergeOutcome::Skipped => {
                    report.skipped.push(Skipped {
                        item: imported.item,
                        id: Some(imported.id),
                        reason: if ours.as_ref() == Some(&record) {
                            "already here, unchanged".into()
                        } else {
                            "a newer version is already here".into()
                        },
                    });
                    continue;
                }
            }
            if let Err(e) = self.write(&record) {
                report.not_saved += 1;
                report.storage_error.get_or_insert(e);
            }
        }
        report.skipped.sort_by_key(|s| s.item);
        self.continue_v1();
        Ok(report)
    }

    /// Data kept aside (unreadable records, migrated originals), oldest first.
    pub fn quarantined(&self) -> Vec<Quarantined> {
        let Ok(keys) = self.kv.keys() else {
            return Vec::new();
        };
        let mut list: Vec<(u64, Quarantined)> = keys
            .iter()
            .filter_map(|key| match schema::classify(key) {
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
        list.sort_by_key(|(n, _)| *n);
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

    /// Deletes data kept aside (after the reader downloaded it, or chose to).
    pub fn discard_backup(&mut self, backup_key: &str) -> Result<(), StoreError> {
        match schema::classify(backup_key) {
            KeyClass::Backup { .. } => self.kv.remove(backup_key),
            _ => Err(StoreError::Invalid(format!(
                "\"{backup_key}\" is not kept-aside data"
            ))),
        }
    }

    fn check_writable(&self) -> Result<(), StoreError> {
        match &self.read_only {
            Some(why) => Err(StoreError::ReadOnly(why.clone())),
            None => Ok(()),
        }
    }

    /// Writes one record's key (and `reader:meta` first, if this version has not yet).
    fn write(&mut self, record: &Record) -> Result<(), StoreError> {
        if !self.meta_written {
            if let Some(raw) = self.kv.get(META_KEY)? {
                match schema::parse_meta(&raw) {
                    // Another tab stored a newer version since we opened: never downgrade.
                    Ok(v) if v > SCHEMA_VERSION => {
                        self.become_read_only(v, 0);
                        return self.check_writable();
                    }
                    Ok(_) => {}
                    // Unreadable and not yet kept aside (that failed when opening): keep a
                    // copy before replacing it, or write nothing.
                    Err(_) => {
                        let backup = schema::backup_key(self.next_backup_number(), META_KEY);
                        self.kv.set(&backup, &raw)?;
                    }
                }
            }
            self.kv.set(META_KEY, &schema::meta_json())?;
            self.meta_written = true;
        }
        self.kv.set(&record.key(), &record.to_stored())
    }

    /// Reads everything from storage into a fresh state.
    fn load(&mut self) {
        self.state = Annotations::default();
        self.read_only = None;
        self.loaded = false;
        self.meta_written = false;
        self.pending_v1 = None;
        if let Err(e) = self.try_load() {
            self.state = Annotations::default();
            self.notices.push(Notice::new(
                NoticeKind::Unavailable,
                format!("Your highlights, notes and bookmarks could not be loaded. {e}"),
            ));
        }
    }

    fn try_load(&mut self) -> Result<(), StoreError> {
        let keys = self.kv.keys()?;
        let mut version = None;
        if keys.iter().any(|k| k == META_KEY) {
            if let Some(raw) = self.kv.get(META_KEY)? {
                match schema::parse_meta(&raw) {
                    Ok(v) => version = Some(v),
                    Err(why) => self.quarantine(META_KEY, raw, &why),
                }
            }
        }
        if let Some(v) = version.filter(|&v| v > SCHEMA_VERSION) {
            self.load_newer(v, &keys)?;
            self.loaded = true;
            return Ok(());
        }
        self.meta_written = version == Some(SCHEMA_VERSION);
        let mut legacy = false;
        let mut rewrite = Vec::new();
        for key in &keys {
            match schema::classify(key) {
                KeyClass::Record { kind, id } => {
                    if let Some(raw) = self.kv.get(key)? {
                        match schema::parse_record(key, &raw) {
                            Ok(mut record) => {
                                let as_stored = record.clone();
                                self.clamp_times(&mut record);
                                if !stored::is_v3(&raw) || record != as_stored {
                                    rewrite.push((kind, id.to_string()));
                                }
                                self.state.insert(record);
                            }
                            Err(why) => self.quarantine(key, raw, &why),
                        }
                    }
                }
                KeyClass::Legacy => legacy = true,
                _ => {}
            }
        }
        self.rewrite(rewrite);
        if legacy {
            if let Some(raw) = self.kv.get(LEGACY_KEY)? {
                self.migrate_v1(raw);
            }
        }
        self.loaded = true;
        Ok(())
    }

    /// Rewrites records in the version 3 form: those stored in the version 2 form, and those
    /// whose times from the future were taken as now (`reader:meta` first, by
    /// [`Store::write`]). A version 2 value is always longer than its version 3 one, so this
    /// cannot run out of room; if a write fails anyway, the old value stays where it is, still
    /// reads, and is rewritten on the next start: nothing is lost, and nobody is bothered.
    fn rewrite(&mut self, records: Vec<(RecordKind, String)>) {
        for (kind, id) in records {
            if self.read_only.is_some() {
                return; // a newer version wrote `reader:meta` meanwhile
            }
            if let Some(record) = self.state.get(kind, &id) {
                let _ = self.write(&record);
            }
        }
    }

    /// A newer version's data: show what parses, change nothing.
    fn load_newer(&mut self, version: u32, keys: &[String]) -> Result<(), StoreError> {
        let mut unreadable = 0;
        for key in keys {
            if let KeyClass::Record { .. } = schema::classify(key) {
                if let Some(raw) = self.kv.get(key)? {
                    match schema::parse_record(key, &raw) {
                        Ok(record) => {
                            self.state.insert(record);
                        }
                        Err(_) => unreadable += 1,
                    }
                }
            }
        }
        self.become_read_only(version, unreadable);
        Ok(())
    }

    fn become_read_only(&mut self, version: u32, unreadable: usize) {
        let why = format!(
            "Your annotations were saved by a newer version of this app (storage version {version}; \
             this one knows up to version {SCHEMA_VERSION}). They are shown read-only so nothing the \
             newer version saved is changed. Reload the page to get the newer version, then you can \
             edit them again."
        );
        let mut message = why.clone();
        if unreadable > 0 {
            message.push_str(&format!(
                " {unreadable} stored item(s) could not be shown by this version; they are left untouched."
            ));
        }
        self.read_only = Some(why);
        self.notices
            .push(Notice::new(NoticeKind::ReadOnly, message));
    }

    /// Reads the version 1 blob into memory and stores its highlights (see [`migrate`]).
    fn migrate_v1(&mut self, raw: String) {
        let data = match migrate::parse_v1(&raw) {
            Ok(data) => data,
            Err(why) => return self.quarantine(LEGACY_KEY, raw, &why),
        };
        let mut ids = Vec::new();
        for h in data.highlights() {
            let mut record = Record::Highlight(h.clone());
            self.clamp_times(&mut record);
            // Skipped: the same or a newer version is stored already.
            if self.state.merge(record) != MergeOutcome::Skipped {
                ids.push(h.id.clone());
            }
        }
        self.pending_v1 = Some(PendingV1 { data, raw, ids });
        if let Some(error) = self.continue_v1() {
            let unreadable = self
                .pending_v1
                .as_ref()
                .map(|p| p.data.unreadable())
                .unwrap_or_default();
            let mut message = format!(
                "Your highlights were upgraded for this version of the app but could not all be saved. {error} \
                 They are shown, the ones not saved yet are kept in the earlier copy so nothing is lost, \
                 and saving them is tried again at your next change."
            );
            if !unreadable.is_empty() {
                message.push_str(&format!(
                    " {} of them could not be read ({}).",
                    unreadable.len(),
                    unreadable.join("; ")
                ));
            }
            let raw = self.pending_v1.as_ref().map(|p| p.raw.clone());
            self.notices.push(Notice {
                kind: NoticeKind::Migration,
                message,
                backup_key: None,
                raw,
            });
        }
    }

    /// Stores the version 1 highlights not stored yet (a highlight the reader deleted
    /// meanwhile needs nothing more). When all are stored, the blob is moved to a backup key;
    /// until then it is rewritten to hold only the rest. Returns the first write error.
    fn continue_v1(&mut self) -> Option<StoreError> {
        let mut pending = self.pending_v1.take()?;
        if self.read_only.is_some() {
            self.pending_v1 = Some(pending);
            return None;
        }
        let mut error = None;
        pending.ids.retain(|id| {
            let Some(record) = self.state.get(RecordKind::Highlight, id) else {
                return false;
            };
            match self.write(&record) {
                Ok(()) => false,
                Err(e) => {
                    error.get_or_insert(e);
                    true
                }
            }
        });
        if !pending.ids.is_empty() {
            let ids = &pending.ids;
            let still =
                |e: &migrate::V1Entry| e.read.as_ref().map_or(true, |h| ids.contains(&h.id));
            if !pending.data.entries.iter().all(still) {
                let rest = pending.data.keeping(still);
                if self.kv.set(LEGACY_KEY, &rest).is_ok() {
                    pending.data = migrate::parse_v1(&rest).unwrap_or(pending.data);
                    pending.raw = rest;
                }
            }
            self.pending_v1 = Some(pending);
            return error;
        }
        // Every highlight is stored: the blob is kept aside, for the entries that could not
        // be read and as the original.
        let unreadable = pending.data.unreadable();
        let backup = schema::backup_key(self.next_backup_number(), LEGACY_KEY);
        match self.kv.set(&backup, &pending.raw) {
            Ok(()) => {
                let _ = self.kv.remove(LEGACY_KEY);
                if !unreadable.is_empty() {
                    self.notices.push(Notice {
                        kind: NoticeKind::Unreadable,
                        message: format!(
                            "{} of your highlights from an earlier version of this app could not be read ({}). \
                             The earlier data is kept aside so nothing is lost; you can download it. \
                             Your other highlights are not affected.",
                            unreadable.len(),
                            unreadable.join("; ")
                        ),
                        backup_key: Some(backup),
                        raw: Some(pending.raw),
                    });
                }
            }
            // No room for a copy: everything readable is stored, so only what could not be
            // read stays in the blob (or nothing: then it goes).
            Err(e) => {
                if unreadable.is_empty() {
                    let _ = self.kv.remove(LEGACY_KEY);
                } else {
                    let rest = pending.data.keeping(|e| e.read.is_err());
                    if rest != pending.raw {
                        let _ = self.kv.set(LEGACY_KEY, &rest);
                    }
                    return Some(e);
                }
            }
        }
        None
    }

    /// Moves unreadable data from `key` to a backup key and tells the reader; if the backup
    /// cannot be written, the data stays under `key` (never lost) and the reader is told too.
    fn quarantine(&mut self, key: &str, raw: String, why: &str) {
        let what = match schema::classify(key) {
            KeyClass::Record { kind, .. } => format!("A stored {}", kind.noun()),
            KeyClass::Meta => "The note of which version your data is".to_string(),
            KeyClass::Legacy => "Your highlights from an earlier version of this app".to_string(),
            _ => format!("The data stored under \"{key}\""),
        };
        let backup = schema::backup_key(self.next_backup_number(), key);
        let notice = match self.kv.set(&backup, &raw) {
            Ok(()) => {
                // If this fails the data is in both places; nothing is lost either way.
                let _ = self.kv.remove(key);
                Notice {
                    kind: NoticeKind::Unreadable,
                    message: format!(
                        "{what} could not be read: {why}. It has been kept aside so nothing is lost; \
                         you can download it. Your other annotations are not affected."
                    ),
                    backup_key: Some(backup),
                    raw: Some(raw),
                }
            }
            Err(e) => Notice {
                kind: NoticeKind::Unreadable,
                message: format!(
                    "{what} could not be read: {why}. It could not be kept aside ({e}), so it is left \
                     where it was; you can download it. Your other annotations are not affected."
                ),
                backup_key: None,
                raw: Some(raw),
            },
        };
        self.notices.push(notice);
    }

    /// One more than the highest backup number, or (if that is the highest number there is)
    /// the lowest number not in use: a backup never overwrites another.
    fn next_backup_number(&self) -> u64 {
        let keys = self.kv.keys().unwrap_or_default();
        let used: std::collections::BTreeSet<u64> = keys
            .iter()
            .filter_map(|k| match schema::classify(k) {
                KeyClass::Backup { n, .. } => Some(n),
                _ => None,
            })
            .collect();
        match used.last() {
            None => 1,
            Some(&highest) => highest
                .checked_add(1)
                .unwrap_or_else(|| (1..).find(|n| !used.contains(n)).unwrap_or(0)),
        }
    }

    /// If storage could not be read so far, tries again; changes made meanwhile are merged
    /// into what storage holds (the later `modified` wins) and saved.
    fn ensure_loaded(&mut self) {
        if self.loaded {
            return;
        }
        let pending = std::mem::take(&mut self.state);
        let notices = self.notices.len();
        self.load();
        if !self.loaded {
            self.state = pending;
            self.notices.truncate(notices);
            return;
        }
        for record in pending.records() {
            let outcome = self.state.merge(record.clone());
            if outcome != MergeOutcome::Skipped && self.read_only.is_none() {
                let _ = self.write(&record);
            }
        }
    }
}

fn set_modified(record: &mut Record, time: String) {
    match record {
        Record::Highlight(h) => h.modified = time,
        Record::Bookmark(b) => b.modified = time,
        Record::Saved(s) => s.saved_at = time,
        Record::Position(p) => p.updated = time,
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::fixtures::{bookmark, highlight, T1};
    use crate::store::kv::MemoryKv;

    #[test]
    fn put_writes_meta_once_and_one_key_per_record() {
        let kv = MemoryKv::new();
        let mut store = Store::open(kv.clone());
        assert!(store.notices.is_empty());
        assert!(kv.snapshot().is_empty(), "opening writes nothing");
        store.put(Record::Highlight(highlight("h-1"))).unwrap();
        store.put(Record::Bookmark(bookmark("b-1"))).unwrap();
        let keys: Vec<String> = kv.snapshot().into_keys().collect();
        assert_eq!(keys, ["reader:bm:b-1", "reader:hl:h-1", "reader:meta"]);
        store.delete(RecordKind::Bookmark, "b-1").unwrap();
        assert!(kv.get_raw("reader:bm:b-1").is_none());
        assert!(store.state.bookmarks.is_empty());
    }

    #[test]
    fn invalid_records_are_refused() {
        let mut store = Store::open(MemoryKv::new());
        let err = store.put(Record::Highlight(highlight(""))).unwrap_err();
        assert_eq!(err, StoreError::Invalid("its id is empty".into()));
        assert!(store.state.is_empty());
    }

    #[test]
    fn backups_are_numbered_listed_and_discarded() {
        let kv = MemoryKv::new();
        kv.insert_raw("reader:hl:a", "{");
        kv.insert_raw("reader:hl:b", "[]");
        let mut store = Store::open(kv.clone());
        assert_eq!(store.notices.len(), 2);
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
        assert!(store.discard_backup("reader:hl:x").is_err());
    }

    #[test]
    fn a_newer_meta_from_another_tab_makes_the_store_read_only() {
        let kv = MemoryKv::new();
        let mut store = Store::open(kv.clone());
        assert!(store.apply_storage_event(Some("reader:meta"), Some(r#"{"version":4}"#)));
        assert!(store.read_only.is_some());
        assert!(matches!(
            store.put(Record::Highlight(highlight("h"))),
            Err(StoreError::ReadOnly(_))
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
            Err(StoreError::ReadOnly(_))
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
        assert_eq!(store.notices.len(), 1);
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
        assert_eq!(store.state.highlights["h"], ours);
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
        assert_eq!(store.notices.len(), 1);
        kv.set_unavailable(false);
        store.put(Record::Highlight(highlight("h-2"))).unwrap();
        assert!(store.storage_available());
        assert_eq!(store.notices.len(), 1, "no second notice");
        assert_eq!(store.state.highlights.len(), 2);
        assert_eq!(store.state.bookmarks.len(), 1, "stored data loaded");
        let stored = kv.snapshot();
        assert!(stored.contains_key("reader:hl:h-1") && stored.contains_key("reader:hl:h-2"));
    }
}

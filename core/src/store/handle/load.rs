//! Opening: everything in storage is read into memory; what cannot be read is kept aside
//! under a backup key (never lost), older data is brought up to this version, a newer
//! version's data makes the store read-only.

use super::{KeyValue, Store};
use crate::store::codec::{self, Problem, SCHEMA_VERSION};
use crate::store::keys::{self, KeyClass, LEGACY_KEY, META_KEY};
use crate::store::kv::StoreError;
use crate::store::notice::{Notice, Stored};
use crate::store::records::RecordKind;
use crate::store::state::{Annotations, MergeOutcome};

impl<K: KeyValue> Store<K> {
    /// Reads everything from storage into a fresh state.
    pub(super) fn load(&mut self) {
        self.state = Annotations::default();
        self.read_only = None;
        self.loaded = false;
        self.meta_written = false;
        self.pending_v1 = None;
        if let Err(error) = self.try_load() {
            self.state = Annotations::default();
            self.notices.push(Notice::Unavailable { error });
        }
    }

    fn try_load(&mut self) -> Result<(), StoreError> {
        let keys = self.kv.keys()?;
        let mut version = None;
        if keys.iter().any(|k| k == META_KEY) {
            if let Some(raw) = self.kv.get(META_KEY)? {
                match codec::decode_meta(&raw) {
                    Ok(v) => version = Some(v),
                    Err(problem) => self.quarantine(META_KEY, raw, problem),
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
            match keys::classify(key) {
                KeyClass::Record { kind, id } => {
                    if let Some(raw) = self.kv.get(key)? {
                        match codec::decode(kind, id, &raw) {
                            Ok(mut record) => {
                                let as_stored = record.clone();
                                self.clamp_times(&mut record);
                                if !codec::is_v3(&raw) || record != as_stored {
                                    rewrite.push((kind, id.to_string()));
                                }
                                self.state.insert(record);
                            }
                            Err(problem) => self.quarantine(key, raw, problem),
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
    /// whose times from the future were taken as now (`reader:meta` first). A version 2 value
    /// is always longer than its version 3 one, so this cannot run out of room; if a write
    /// fails anyway, the old value stays where it is, still reads, and is rewritten on the next
    /// start: nothing is lost, and nobody is bothered.
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
            if let KeyClass::Record { kind, id } = keys::classify(key) {
                if let Some(raw) = self.kv.get(key)? {
                    match codec::decode(kind, id, &raw) {
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

    /// Moves unreadable data from `key` to a backup key and tells the reader; if the backup
    /// cannot be written, the data stays under `key` (never lost) and the reader is told too.
    pub(super) fn quarantine(&mut self, key: &str, raw: String, problem: Problem) {
        let what = match keys::classify(key) {
            KeyClass::Record { kind, .. } => Stored::Record(kind),
            KeyClass::Meta => Stored::Meta,
            KeyClass::Legacy => Stored::Legacy,
            _ => Stored::Other(key.to_string()),
        };
        let backup = keys::backup_key(self.next_backup_number(), key);
        let (backup_key, not_kept) = match self.kv.set(&backup, &raw) {
            Ok(()) => {
                // If this fails the data is in both places; nothing is lost either way.
                let _ = self.kv.remove(key);
                // Whose highlight it was cannot be read: no article's early drawing is trusted.
                self.forget_all_early();
                (Some(backup), None)
            }
            Err(e) => (None, Some(e)),
        };
        self.notices.push(Notice::Unreadable {
            what,
            problem,
            backup_key,
            not_kept,
            raw,
        });
    }

    /// One more than the highest backup number, or (if that is the highest number there is)
    /// the lowest number not in use: a backup never overwrites another.
    pub(super) fn next_backup_number(&self) -> u64 {
        let keys = self.kv.keys().unwrap_or_default();
        let used: std::collections::BTreeSet<u64> = keys
            .iter()
            .filter_map(|k| match keys::classify(k) {
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
    pub(super) fn ensure_loaded(&mut self) {
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

//! Migrating version 1's blob (`reader:annotations`, read by [`crate::store::codec::v1`]):
//! each highlight is merged into memory and stored under its own key; the blob is kept aside
//! once all are stored, and until then holds only those not stored yet, so a highlight stored
//! and then deleted never comes back from it. See `docs/storage.md`.

use super::{KeyValue, PendingV1, Store};
use crate::store::codec::v1::{self, V1Entry};
use crate::store::keys::{self, LEGACY_KEY};
use crate::store::kv::StoreError;
use crate::store::notice::Notice;
use crate::store::records::{Record, RecordKind};
use crate::store::state::MergeOutcome;

impl<K: KeyValue> Store<K> {
    /// Reads the version 1 blob into memory and stores its highlights.
    pub(super) fn migrate_v1(&mut self, raw: String) {
        let data = match v1::parse_v1(&raw) {
            Ok(data) => data,
            Err(problem) => return self.quarantine(LEGACY_KEY, raw, problem),
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
            let pending = self.pending_v1.as_ref();
            self.notices.push(Notice::MigrationIncomplete {
                error,
                unreadable: pending.map(|p| p.data.unreadable()).unwrap_or_default(),
                raw: pending.map(|p| p.raw.clone()).unwrap_or_default(),
            });
        }
    }

    /// Stores the version 1 highlights not stored yet (a highlight the reader deleted
    /// meanwhile needs nothing more). When all are stored, the blob is moved to a backup key;
    /// until then it is rewritten to hold only the rest. Returns the first write error.
    pub(super) fn continue_v1(&mut self) -> Option<StoreError> {
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
            let still = |e: &V1Entry| e.read.as_ref().map_or(true, |h| ids.contains(&h.id));
            if !pending.data.entries.iter().all(still) {
                let rest = pending.data.keeping(still);
                if self.kv.set(LEGACY_KEY, &rest).is_ok() {
                    pending.data = v1::parse_v1(&rest).unwrap_or(pending.data);
                    pending.raw = rest;
                }
            }
            self.pending_v1 = Some(pending);
            return error;
        }
        // Every highlight is stored: the blob is kept aside, for the entries that could not
        // be read and as the original.
        let unreadable = pending.data.unreadable();
        let backup = keys::backup_key(self.next_backup_number(), LEGACY_KEY);
        match self.kv.set(&backup, &pending.raw) {
            Ok(()) => {
                let _ = self.kv.remove(LEGACY_KEY);
                if !unreadable.is_empty() {
                    self.notices.push(Notice::UnreadableV1 {
                        entries: unreadable,
                        backup_key: backup,
                        raw: pending.raw,
                    });
                }
                None
            }
            // No room for a copy: everything readable is stored, so only what could not be
            // read stays in the blob (or nothing: then it goes).
            Err(e) => {
                if unreadable.is_empty() {
                    let _ = self.kv.remove(LEGACY_KEY);
                    None
                } else {
                    let rest = pending.data.keeping(|e| e.read.is_err());
                    if rest != pending.raw {
                        let _ = self.kv.set(LEGACY_KEY, &rest);
                    }
                    Some(e)
                }
            }
        }
    }
}

//! Another tab's change, from the browser's `storage` event: merged by id (the later
//! `modified` wins); a newer `reader:meta` makes this tab read-only; a cleared storage
//! reloads.

use super::{KeyValue, Store};
use crate::store::codec::{self, SCHEMA_VERSION};
use crate::store::keys::{self, KeyClass};
use crate::store::records::RecordKind;
use crate::store::state::MergeOutcome;

impl<K: KeyValue> Store<K> {
    /// Applies a `storage` event from another tab (`key` `None` means storage was cleared).
    /// Returns whether the state (or read-only status) changed.
    pub fn apply_storage_event(&mut self, key: Option<&str>, new_value: Option<&str>) -> bool {
        let Some(key) = key else {
            let before = (self.state.clone(), self.read_only);
            self.load();
            return before != (self.state.clone(), self.read_only);
        };
        match keys::classify(key) {
            KeyClass::Meta => match new_value.map(codec::decode_meta) {
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
                Some(raw) => match codec::decode(kind, id, raw) {
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

    /// The page is hidden (and may be kept by the browser for Back): notes which records are
    /// stored now, so that [`Store::catch_up`] can tell a record deleted meanwhile from one
    /// this tab could not store.
    pub fn hidden(&mut self) {
        let mut keys = self.kv.keys().unwrap_or_default();
        keys.retain(|k| matches!(keys::classify(k), KeyClass::Record { .. }));
        self.hidden = keys;
    }

    /// Applies what changed in storage while this tab could not hear of it (its page kept by
    /// the browser for Back and shown again: WebKit does not deliver the `storage` events fired
    /// meanwhile), as those events would have: every record stored now is merged (the later
    /// `modified` wins), the records stored as the page was hidden ([`Store::hidden`]) that
    /// are no longer stored are removed, and a newer `reader:meta` makes the store read-only.
    /// A record this tab could not store was not stored then, and stays. Returns whether the
    /// state (or read-only status) changed.
    pub fn catch_up(&mut self) -> bool {
        let before = std::mem::take(&mut self.hidden);
        let Ok(now) = self.kv.keys() else {
            return false;
        };
        let mut changed = false;
        // As the events would have said: each key stored now, and each stored as the page was
        // hidden that is gone since (one still stored was merged with those stored now).
        let noted = before.iter().map(|k| (k, true));
        for (key, noted) in now.iter().map(|k| (k, false)).chain(noted) {
            if matches!(
                keys::classify(key),
                KeyClass::Meta | KeyClass::Record { .. }
            ) {
                if let Ok(value) = self.kv.get(key) {
                    if !noted || value.is_none() {
                        changed |= self.apply_storage_event(Some(key), value.as_deref());
                    }
                }
            }
        }
        changed
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
}

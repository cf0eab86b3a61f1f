//! The one handle on the reader's stored annotations, shared through Leptos context.
//!
//! The core `Store` (over local storage) holds the state and writes one key per change; a
//! revision signal tells the views when it changed, in this tab or, via the `storage` event,
//! in another one. Outcomes are announced politely; storage problems become notices.

use leptos::prelude::*;
use reader_core::store::{
    Annotations as State, Notice, NoticeKind, Quarantined, Record, RecordKind, Store, StoreError,
};

use super::browser_kv::BrowserKv;

#[derive(Clone, Copy)]
pub struct Annotations {
    store: StoredValue<Store<BrowserKv>, LocalStorage>,
    revision: RwSignal<u64>,
    /// The latest short status for the polite live region ("Highlight saved").
    pub announcement: RwSignal<String>,
    /// Problems the reader should know about (kept-aside data, storage errors), until dismissed.
    pub notices: RwSignal<Vec<Notice>>,
}

/// Opens the store and listens for changes made in other tabs. Call once, in the app shell.
pub fn provide_annotations() {
    let mut store = Store::open_with_clock(BrowserKv, Box::new(super::clock::now));
    store.set_articles(crate::articles::article_infos());
    let notices = RwSignal::new(store.drain_notices());
    let annotations = Annotations {
        store: StoredValue::new_local(store),
        revision: RwSignal::new(0),
        announcement: RwSignal::new(String::new()),
        notices,
    };
    provide_context(annotations);
    if crate::dom::PRERENDERING {
        return;
    }
    let handle = window_event_listener(leptos::ev::storage, move |event| {
        let key = event.key();
        let value = event.new_value();
        let changed =
            annotations.touch(|s| s.apply_storage_event(key.as_deref(), value.as_deref()));
        if changed {
            annotations.revision.update(|r| *r += 1);
        }
    });
    // The listener lives as long as the app.
    std::mem::forget(handle);
}

pub fn use_annotations() -> Annotations {
    expect_context::<Annotations>()
}

impl Annotations {
    /// Reads the state, re-running the caller's view or memo when it changes.
    pub fn with<R>(&self, f: impl FnOnce(&State) -> R) -> R {
        self.revision.track();
        self.store.with_value(|s| f(&s.state))
    }

    /// Why annotations cannot be changed (data from a newer version), if so.
    pub fn read_only(&self) -> Option<String> {
        self.revision.track();
        self.store.with_value(|s| s.read_only.clone())
    }

    /// Saves one record, then announces `done`; on failure the change stays in memory and the
    /// reader is told why it is not saved.
    pub fn put(&self, record: Record, done: &str) {
        let result = self.touch(|s| s.put(record));
        self.after(result, done);
    }

    pub fn delete(&self, kind: RecordKind, id: &str, done: &str) {
        let result = self.touch(|s| s.delete(kind, id));
        self.after(result, done);
    }

    /// Data kept aside because it could not be read, oldest first.
    pub fn kept_aside(&self) -> Vec<Quarantined> {
        self.revision.track();
        self.store.with_value(|s| s.quarantined())
    }

    /// Bytes this site's storage holds, if it can be read.
    pub fn used_bytes(&self) -> Option<usize> {
        self.revision.track();
        self.store.with_value(|s| s.used_bytes())
    }

    /// Deletes every piece of kept-aside data (the reader confirmed it).
    pub fn discard_kept_aside(&self) {
        let result = self.touch(|s| {
            s.quarantined()
                .iter()
                .try_for_each(|q| s.discard_backup(&q.backup_key))
        });
        self.after(result, "Kept-aside data discarded");
    }

    /// Imports Web Annotation JSON, returning the report (or the reason it was refused).
    pub fn import(&self, json: &str) -> Result<String, String> {
        let result = self.touch(|s| {
            s.import(json)
                .map(|r| r.to_string())
                .map_err(|e| e.to_string())
        });
        self.revision.update(|r| *r += 1);
        if let Ok(report) = &result {
            self.announcement.set(report.clone());
        }
        result
    }

    /// Runs `f` on the store, then shows the reader any notice it raised meanwhile.
    fn touch<R>(&self, f: impl FnOnce(&mut Store<BrowserKv>) -> R) -> R {
        let mut out = None;
        self.store.update_value(|s| {
            let result = f(s);
            out = Some((result, s.drain_notices()));
        });
        let (result, new) = out.expect("the store lives as long as the app");
        if !new.is_empty() {
            self.notices.update(|n| n.extend(new));
        }
        result
    }

    fn after(&self, result: Result<(), StoreError>, done: &str) {
        self.revision.update(|r| *r += 1);
        match result {
            Ok(()) => self.announcement.set(done.to_string()),
            Err(e) => {
                let message = e.to_string();
                self.announcement.set(message.clone());
                // Repeated failures (a full storage refuses every save) are one notice, not
                // many; storage that cannot be used at all was told when the app opened.
                let unavailable = matches!(e, StoreError::Unavailable(_));
                self.notices.update(|n| {
                    let told = n.iter().any(|notice| {
                        notice.message == message
                            || unavailable && notice.kind == NoticeKind::Unavailable
                    });
                    if !told {
                        n.push(Notice::error(message))
                    }
                });
            }
        }
    }
}

//! The app's one handle on the reader's data ([`StoreHandle`]), shared through Leptos context.
//!
//! The core `Store` (over local storage, [`crate::storage`]) holds the reader's annotations
//! and writes one key per change; a revision signal tells the views when they changed, in
//! this tab or, through the `storage` event, in another one. Outcomes are announced politely;
//! what the reader must know (data kept aside, storage problems) becomes a notice, with the
//! words from [`crate::messages`].
//!
//! - [`create`]: new highlights and bookmarks from what the reader chose.
//! - [`clock`]: timestamps and record ids from the browser clock.

pub mod clock;
pub mod create;

use leptos::prelude::*;
use reader_core::jobs::{Answer, StoredRecord};
use reader_core::store::{
    Annotations, Notice, NoticeKind, Quarantined, Record, RecordKind, Store, StoreError,
};

use crate::messages;
use crate::storage::BrowserKv;

/// Something the banner shows until the reader dismisses it.
#[derive(Clone, Debug, PartialEq)]
pub enum Shown {
    /// What the store reported.
    Store(Notice),
    /// A change that could not be saved.
    Error(StoreError),
    /// Something the reader asked for that failed, in words (one of their articles not
    /// deleted, not put back; their reading settings not saved): seen, not only announced;
    /// `about` names what it was done to (the article's slug, or the settings' key), so that
    /// doing it again replaces or clears the notice.
    Failed { about: String, said: String },
}

impl Shown {
    pub fn message(&self) -> String {
        match self {
            Shown::Store(notice) => messages::notice(notice),
            Shown::Error(e) => messages::store_error(e),
            Shown::Failed { said, .. } => said.clone(),
        }
    }

    /// The data the notice is about, for the reader to download, and where it was kept.
    pub fn kept(&self) -> Option<(&str, Option<&str>)> {
        match self {
            Shown::Store(notice) => notice.raw().map(|raw| (raw, notice.backup_key())),
            Shown::Error(_) | Shown::Failed { .. } => None,
        }
    }
}

#[derive(Clone, Copy)]
pub struct StoreHandle {
    store: StoredValue<Store<BrowserKv>, LocalStorage>,
    revision: RwSignal<u64>,
    /// The polite live region's two slots, one holding the latest short status ("Highlight
    /// saved"), the other empty: see [`StoreHandle::announce`].
    pub said: [RwSignal<String>; 2],
    /// What the reader should know about (kept-aside data, storage errors), until dismissed;
    /// each numbered, so a list can keep its entries apart.
    pub notices: RwSignal<Vec<(u64, Shown)>>,
    numbered: StoredValue<u64>,
}

/// Opens the store and listens for changes made in other tabs. Call once, in the app shell.
pub fn provide_store() {
    let mut store = Store::open_with_clock(BrowserKv, Box::new(clock::now));
    store.set_articles(crate::articles::article_infos());
    let handle = StoreHandle {
        notices: RwSignal::new(Vec::new()),
        numbered: StoredValue::new(0),
        revision: RwSignal::new(0),
        said: [RwSignal::new(String::new()), RwSignal::new(String::new())],
        store: StoredValue::new_local(store),
    };
    let opened = handle
        .store
        .try_update_value(|s| s.drain_notices())
        .unwrap_or_default();
    handle.show(opened.into_iter().map(Shown::Store));
    provide_context(handle);
    if crate::dom::PRERENDERING {
        return;
    }
    let listener = window_event_listener(leptos::ev::storage, move |event| {
        let key = event.key();
        let value = event.new_value();
        if handle.touch(|s| s.apply_storage_event(key.as_deref(), value.as_deref())) {
            handle.revision.update(|r| *r += 1);
        }
    });
    on_cleanup(move || listener.remove());
    // A page the browser keeps for Back may hear of no other tab's change meanwhile (WebKit
    // drops those `storage` events): shown again, it reads what changed, lest an edit made here
    // on what it still showed undo another tab's (a note overwritten, a deleted highlight
    // back). What was stored as it was hidden tells deletions from what this tab could not
    // store.
    crate::hooks::use_window_event("pagehide", false, move |_| handle.touch(Store::hidden));
    crate::hooks::use_window_event("pageshow", false, move |event| {
        let persisted = js_sys::Reflect::get(&event, &"persisted".into());
        if !persisted.is_ok_and(|p| p.is_truthy()) {
            return;
        }
        // The reader's own articles too: the other tabs' word of them was lost as well
        // (src/own_sync.rs). Here rather than in a listener of its own: 109 bytes (brotli) less.
        #[cfg(not(feature = "ssr"))]
        leptos::task::spawn_local(crate::articles::reread_kept());
        if handle.touch(Store::catch_up) {
            handle.revision.update(|r| *r += 1);
        }
    });
}

pub fn use_store() -> StoreHandle {
    expect_context::<StoreHandle>()
}

impl StoreHandle {
    /// Reads the reader's annotations, re-running the caller's view or memo when they change.
    pub fn with<R>(&self, f: impl FnOnce(&Annotations) -> R) -> R {
        self.revision.track();
        self.store.with_value(|s| f(s.state()))
    }

    /// Reads the reader's annotations without subscribing: for event handlers and clean-up.
    pub fn with_untracked<R>(&self, f: impl FnOnce(&Annotations) -> R) -> Option<R> {
        self.store.try_with_value(|s| f(s.state()))
    }

    /// The newer storage version that makes annotations read-only here, if they are.
    pub fn read_only(&self) -> Option<u32> {
        self.revision.track();
        self.store.with_value(|s| s.read_only())
    }

    /// Why annotations cannot be changed, in words, if they cannot.
    pub fn read_only_reason(&self) -> Option<String> {
        self.read_only().map(messages::read_only)
    }

    /// Saves one record, then announces `done`; on failure the change stays in memory and the
    /// reader is told why it is not saved. Returns whether it was saved.
    pub fn put(&self, record: Record, done: &str) -> bool {
        let result = self.touch(|s| s.put(record));
        self.after(result, done)
    }

    /// Saves a record the reader did not ask to save (how far they read), saying nothing: an
    /// announcement on every pause in scrolling would replace what the reader's own change
    /// said ("Highlight saved") with nothing, and a storage that refuses saves would be
    /// heard refusing at every pause. A failure is shown among the notices, once. Returns
    /// whether it was saved.
    pub fn put_unasked(&self, record: Record) -> bool {
        let result = self.touch(|s| s.put(record));
        self.revision.update(|r| *r += 1);
        result.map_err(|e| self.tell(e)).is_ok()
    }

    /// Removes one record, then announces `done`; returns whether storage has it removed.
    pub fn delete(&self, kind: RecordKind, id: &str, done: &str) -> bool {
        let result = self.touch(|s| s.delete(kind, id));
        self.after(result, done)
    }

    /// Saves `records`, one change of many (what was deleted with an article, put back): each
    /// is tried, and what fails is told as [`StoreHandle::put`] tells it; nothing is announced
    /// when all are saved, for the caller says once what the change was (said once per record,
    /// the same words would be heard as many times). Returns whether all are saved.
    pub fn put_all(&self, records: Vec<Record>) -> bool {
        let result = self.touch(|s| {
            records
                .into_iter()
                .map(|r| s.put(r))
                .fold(Ok(()), Result::and)
        });
        self.settled(result)
    }

    /// Removes `records`, one change of many, as [`StoreHandle::put_all`] saves them.
    #[cfg(not(feature = "ssr"))]
    pub fn delete_all(&self, records: &[Record]) -> bool {
        let result = self.touch(|s| {
            records
                .iter()
                .map(|r| s.delete(r.kind(), r.id()))
                .fold(Ok(()), Result::and)
        });
        self.settled(result)
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
                .try_for_each(|q| s.discard_backup(&q.backup_key).map(|_| ()))
        });
        self.after(result, "Kept-aside data discarded");
    }

    /// The last thing announced, in words (what a failed change says).
    pub fn last_said(&self) -> String {
        self.said.iter().map(|s| s.get_untracked()).collect()
    }

    /// Says `said` in the polite live region, even if it is what was said last: the reader who
    /// saves two highlights in a row hears "Highlight saved" twice. A region whose text is set
    /// to what it already holds does not change, and a screen reader says nothing; so each
    /// announcement goes into the slot that is empty, and the other is emptied.
    pub fn announce(&self, said: String) {
        let [a, b] = self.said;
        let (to, from) = if a.with_untracked(String::is_empty) {
            (a, b)
        } else {
            (b, a)
        };
        to.set(said);
        from.set(String::new());
    }

    /// Writes the records the worker merged into a copy of the reader's (an import's, a
    /// backup's: by the store's rules, in `reader_core::jobs::merge_read`), each merged as
    /// another tab's change would be; `answer` is the worker's, for `what` ("The import").
    /// The worker's report, with what could not be saved; or why nothing changed.
    pub fn apply_merged(
        &self,
        what: &str,
        answer: Answer,
    ) -> Result<messages::ImportSummary, String> {
        let (records, mut headline, details) = match answer {
            Answer::Merged {
                records,
                headline,
                details,
            } => (records, headline, details),
            other => return Err(crate::worker::not_done(what, Ok(other))),
        };
        // None for a restore without annotations, or whose annotations the store refused
        // (read-only: the report says so).
        if !records.is_empty() {
            let (not_saved, error) = self.touch(|s| s.apply_merged(&records));
            self.revision.update(|r| *r += 1);
            if let Some(e) = error {
                headline.push_str(&messages::not_saved(not_saved, &e));
            }
        }
        self.announce(headline.clone());
        Ok(messages::ImportSummary { headline, details })
    }

    /// Every record, as stored: what an export is made from.
    pub fn stored_records(&self) -> Vec<StoredRecord> {
        self.store
            .with_value(|s| reader_core::jobs::stored(s.state().records()))
    }

    /// Tells the reader that what they asked to be done to `about` (an article's slug, the
    /// settings' key) failed, as `said`: announced, and shown among the notices until dismissed
    /// or done, in place of an earlier failure about the same.
    pub fn failed(&self, about: &str, said: String) {
        self.announce(said.clone());
        self.succeeded(about);
        self.show([Shown::Failed {
            about: about.to_string(),
            said,
        }]);
    }

    /// [`StoreHandle::failed`] for what is changed in small steps (the reading settings: each
    /// step of the text-size slider): the same failure, still shown, is not announced again at
    /// every step.
    pub fn still_failed(&self, about: &str, said: String) {
        let shown = self.notices.with_untracked(|n| {
            n.iter().any(
                |(_, s)| matches!(s, Shown::Failed { about: a, said: s } if a == about && *s == said),
            )
        });
        if !shown {
            self.failed(about, said);
        }
    }

    /// What failed about `about` has now been done: its notice goes.
    pub fn succeeded(&self, about: &str) {
        let about_it =
            |(_, s): &(u64, Shown)| matches!(s, Shown::Failed { about: a, .. } if a == about);
        if self.notices.with_untracked(|n| n.iter().any(about_it)) {
            self.notices.update(|n| n.retain(|e| !about_it(e)));
        }
    }

    /// Runs `f` on the store, then shows the reader any notice it raised meanwhile.
    fn touch<R>(&self, f: impl FnOnce(&mut Store<BrowserKv>) -> R) -> R {
        let mut out = None;
        self.store.update_value(|s| {
            let result = f(s);
            out = Some((result, s.drain_notices()));
        });
        let (result, new) = out.expect("the store lives as long as the app");
        self.show(new.into_iter().map(Shown::Store));
        result
    }

    /// Adds notices to the banner.
    fn show(&self, new: impl IntoIterator<Item = Shown>) {
        let mut new = new.into_iter().peekable();
        if new.peek().is_none() {
            return;
        }
        self.notices.update(|n| {
            for shown in new {
                let id = self.numbered.get_value();
                self.numbered.set_value(id + 1);
                n.push((id, shown));
            }
        });
    }

    /// [`StoreHandle::settled`], then announces `done` if the change is saved.
    fn after(&self, result: Result<(), StoreError>, done: &str) -> bool {
        let saved = self.settled(result);
        if saved {
            self.announce(done.to_string());
        }
        saved
    }

    /// Redraws what reads the annotations; if the change failed, tells the reader why.
    fn settled(&self, result: Result<(), StoreError>) -> bool {
        self.revision.update(|r| *r += 1);
        result
            .map_err(|e| {
                self.announce(messages::store_error(&e));
                self.tell(e);
            })
            .is_ok()
    }

    /// Shows why a change is not saved among the notices, unless they already say so.
    fn tell(&self, e: StoreError) {
        // Repeated failures (a full storage refuses every save) are one notice, not
        // many; storage that cannot be used at all was told when the app opened.
        let told = self.notices.with_untracked(|n| {
            n.iter().any(|(_, shown)| match shown {
                Shown::Error(earlier) => *earlier == e,
                Shown::Store(notice) => {
                    matches!(e, StoreError::Unavailable(_))
                        && notice.kind() == NoticeKind::Unavailable
                }
                Shown::Failed { .. } => false,
            })
        });
        if !told {
            self.show([Shown::Error(e)]);
        }
    }
}

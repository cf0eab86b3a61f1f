//! Builders shared by the store's integration tests (each test file uses some of them).
#![allow(dead_code)]

use std::collections::BTreeMap;

use reader_core::anchoring::{Selectors, TextPositionSelector, TextQuoteSelector};
use reader_core::store::{Clock, Color, Highlight, MemoryKv, Store};

type Snapshot = BTreeMap<String, String>;

/// The `storage` events the browser fires in other tabs for the changes `before` → `after`.
pub fn events(before: &Snapshot, after: &Snapshot) -> Vec<(String, Option<String>)> {
    let mut out = Vec::new();
    for (k, v) in after {
        if before.get(k) != Some(v) {
            out.push((k.clone(), Some(v.clone())));
        }
    }
    for k in before.keys() {
        if !after.contains_key(k) {
            out.push((k.clone(), None));
        }
    }
    out
}

/// Hands `events` to another tab's store; whether anything visible changed there.
pub fn deliver(to: &mut Store<MemoryKv>, events: &[(String, Option<String>)]) -> bool {
    let mut changed = false;
    for (key, value) in events {
        changed |= to.apply_storage_event(Some(key), value.as_deref());
    }
    changed
}

/// Runs `change` in one tab and returns the events the other tabs receive.
pub fn change(kv: &MemoryKv, change: impl FnOnce()) -> Vec<(String, Option<String>)> {
    let before = kv.snapshot();
    change();
    events(&before, &kv.snapshot())
}

/// A clock that always says `now`.
pub fn fixed_clock(now: &'static str) -> Clock {
    Box::new(move || now.to_string())
}

/// A highlight in article "a-story" whose quote names its id, with `note`, last changed at
/// `modified`.
pub fn highlight(id: &str, note: &str, modified: &str) -> Highlight {
    let exact = format!("passage {id}");
    Highlight {
        id: id.into(),
        article: "a-story".into(),
        selectors: Selectors {
            position: TextPositionSelector {
                start: 10,
                end: 10 + exact.chars().count(),
            },
            quote: TextQuoteSelector {
                exact,
                prefix: "before ".into(),
                suffix: " after".into(),
            },
            text_hash: "0123456789abcdef".into(),
        },
        color: Color::Blue,
        note: note.into(),
        fact: None,
        created: "2026-11-28T13:00:00.000Z".into(),
        modified: modified.into(),
    }
}

//! The key-value backend the store writes through: `window.localStorage` in the browser,
//! [`MemoryKv`] in tests. Every call may fail, as local storage does (switched off, private
//! modes, quota); failures are [`StoreError`] values, never panics.

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::rc::Rc;

use super::records::Invalid;

/// A string-to-string store with the semantics of `window.localStorage`: a failed `set`
/// leaves the key's previous value in place.
pub trait KeyValue {
    fn get(&self, key: &str) -> Result<Option<String>, StoreError>;
    fn set(&mut self, key: &str, value: &str) -> Result<(), StoreError>;
    fn remove(&mut self, key: &str) -> Result<(), StoreError>;
    /// Every key, in no particular order.
    fn keys(&self) -> Result<Vec<String>, StoreError>;
}

/// Why a change could not be saved (it is still kept in memory unless `ReadOnly`/`Invalid`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StoreError {
    /// The browser's storage for this site is full.
    QuotaExceeded,
    /// Storage cannot be used at all (switched off, some private modes); the detail is the
    /// browser's own message.
    Unavailable(String),
    /// The reader's data was written by a newer version of the app (this storage `version`):
    /// it is read-only here.
    ReadOnly { version: u32 },
    /// The record itself is not valid (an empty id, an inverted range); a programming error.
    Invalid(Invalid),
}

/// Bytes a key and value take in `localStorage`, which counts UTF-16 code units (2 bytes each).
pub fn storage_bytes(key: &str, value: &str) -> usize {
    2 * (key.encode_utf16().count() + value.encode_utf16().count())
}

/// An in-memory [`KeyValue`] for tests and other browser-free code. Clones share one map, like
/// two tabs sharing one origin's storage. It can simulate a quota ([`MemoryKv::with_capacity`],
/// counted like browsers do, see [`storage_bytes`]) and storage that throws on every access
/// ([`MemoryKv::set_unavailable`]).
#[derive(Clone, Debug, Default)]
pub struct MemoryKv {
    inner: Rc<RefCell<Inner>>,
}

#[derive(Debug, Default)]
struct Inner {
    map: BTreeMap<String, String>,
    capacity: Option<usize>,
    unavailable: bool,
}

impl Inner {
    fn check(&self) -> Result<(), StoreError> {
        if self.unavailable {
            Err(StoreError::Unavailable(
                "SecurityError: the operation is insecure".into(),
            ))
        } else {
            Ok(())
        }
    }

    fn used(&self) -> usize {
        self.map.iter().map(|(k, v)| storage_bytes(k, v)).sum()
    }
}

impl MemoryKv {
    pub fn new() -> MemoryKv {
        MemoryKv::default()
    }

    /// Storage that refuses writes taking it over `bytes` (see [`storage_bytes`]).
    pub fn with_capacity(bytes: usize) -> MemoryKv {
        let kv = MemoryKv::default();
        kv.set_capacity(Some(bytes));
        kv
    }

    pub fn set_capacity(&self, bytes: Option<usize>) {
        self.inner.borrow_mut().capacity = bytes;
    }

    /// While set, every call fails with [`StoreError::Unavailable`].
    pub fn set_unavailable(&self, unavailable: bool) {
        self.inner.borrow_mut().unavailable = unavailable;
    }

    /// Bytes in use, counted as browsers do.
    pub fn used_bytes(&self) -> usize {
        self.inner.borrow().used()
    }

    /// A copy of every key and value (ignores the unavailable switch).
    pub fn snapshot(&self) -> BTreeMap<String, String> {
        self.inner.borrow().map.clone()
    }

    /// Writes directly, ignoring capacity and the unavailable switch (to seed test data).
    pub fn insert_raw(&self, key: &str, value: &str) {
        self.inner
            .borrow_mut()
            .map
            .insert(key.to_string(), value.to_string());
    }

    /// Reads directly, ignoring the unavailable switch.
    pub fn get_raw(&self, key: &str) -> Option<String> {
        self.inner.borrow().map.get(key).cloned()
    }
}

impl KeyValue for MemoryKv {
    fn get(&self, key: &str) -> Result<Option<String>, StoreError> {
        let inner = self.inner.borrow();
        inner.check()?;
        Ok(inner.map.get(key).cloned())
    }

    fn set(&mut self, key: &str, value: &str) -> Result<(), StoreError> {
        let mut inner = self.inner.borrow_mut();
        inner.check()?;
        if let Some(capacity) = inner.capacity {
            let old = inner.map.get(key).map_or(0, |v| storage_bytes(key, v));
            if inner.used() - old + storage_bytes(key, value) > capacity {
                return Err(StoreError::QuotaExceeded);
            }
        }
        inner.map.insert(key.to_string(), value.to_string());
        Ok(())
    }

    fn remove(&mut self, key: &str) -> Result<(), StoreError> {
        let mut inner = self.inner.borrow_mut();
        inner.check()?;
        inner.map.remove(key);
        Ok(())
    }

    fn keys(&self) -> Result<Vec<String>, StoreError> {
        let inner = self.inner.borrow();
        inner.check()?;
        Ok(inner.map.keys().cloned().collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clones_share_one_map() {
        let mut a = MemoryKv::new();
        let b = a.clone();
        a.set("k", "v").unwrap();
        assert_eq!(b.get("k").unwrap().as_deref(), Some("v"));
        assert_eq!(b.keys().unwrap(), vec!["k".to_string()]);
    }

    #[test]
    fn capacity_counts_utf16_and_keeps_the_old_value_on_failure() {
        assert_eq!(storage_bytes("ab", "é😀"), 2 * (2 + 3));
        let mut kv = MemoryKv::with_capacity(20);
        kv.set("k", "123456789").unwrap(); // 2 * 10 = 20
        assert_eq!(kv.set("k", "1234567890"), Err(StoreError::QuotaExceeded));
        assert_eq!(kv.get("k").unwrap().as_deref(), Some("123456789"));
        kv.set("k", "1").unwrap(); // replacing frees the old value's bytes
        assert_eq!(kv.used_bytes(), 4);
    }

    #[test]
    fn unavailable_fails_every_call() {
        let mut kv = MemoryKv::new();
        kv.insert_raw("k", "v");
        kv.set_unavailable(true);
        assert!(matches!(kv.get("k"), Err(StoreError::Unavailable(_))));
        assert!(matches!(kv.set("k", "w"), Err(StoreError::Unavailable(_))));
        assert!(matches!(kv.remove("k"), Err(StoreError::Unavailable(_))));
        assert!(matches!(kv.keys(), Err(StoreError::Unavailable(_))));
        assert_eq!(kv.get_raw("k").as_deref(), Some("v"));
    }
}

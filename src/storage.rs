//! The browser side of storage: `window.localStorage` behind the core's `KeyValue` trait, for
//! the reader's data (`crate::store`) and the reading settings alike. Every access may throw
//! (storage switched off, private modes, quota): each failure becomes a `StoreError`, never a
//! panic. When prerendering there is no browser: storage then reads as empty, as on a first
//! visit.
//!
//! Why not `gloo-storage` (0.4), the crate the design named: measured against what this app
//! needs, it fails twice. `LocalStorage::raw()` unwraps the storage with `expect_throw`, so a
//! browser that forbids storage (a policy, some private modes; the end-to-end test
//! `storage_forbidden_by_the_browser_is_said_once_and_the_reader_still_works`) would stop the
//! app instead of opening it with a notice; and its `get`/`set` encode every value as JSON,
//! so the packed values (`docs/storage.md`, version 3) would gain quotes and escapes: larger,
//! and unreadable as what every stored record already is. The DOMException's name, which tells
//! a full quota from the rest, is read here directly, as gloo's `JsError` would.

use reader_core::store::{KeyValue, StoreError};
use wasm_bindgen::{JsCast, JsValue};

pub struct BrowserKv;

fn storage() -> Result<web_sys::Storage, StoreError> {
    let window = web_sys::window()
        .ok_or_else(|| StoreError::Unavailable("there is no browser window".into()))?;
    match window.local_storage() {
        Ok(Some(storage)) => Ok(storage),
        Ok(None) => Err(StoreError::Unavailable(
            "this browser offers no local storage".into(),
        )),
        Err(e) => Err(error(e)),
    }
}

fn error(e: JsValue) -> StoreError {
    if let Some(exception) = e.dyn_ref::<web_sys::DomException>() {
        let name = exception.name();
        if name == "QuotaExceededError"
            || name == "NS_ERROR_DOM_QUOTA_REACHED"
            || exception.code() == 22
        {
            return StoreError::QuotaExceeded;
        }
        return StoreError::Unavailable(format!("{name}: {}", exception.message()));
    }
    StoreError::Unavailable(
        e.as_string()
            .unwrap_or_else(|| "local storage refused access".into()),
    )
}

impl KeyValue for BrowserKv {
    fn get(&self, key: &str) -> Result<Option<String>, StoreError> {
        if crate::dom::PRERENDERING {
            return Ok(None);
        }
        storage()?.get_item(key).map_err(error)
    }

    fn set(&mut self, key: &str, value: &str) -> Result<(), StoreError> {
        storage()?.set_item(key, value).map_err(error)
    }

    fn remove(&mut self, key: &str) -> Result<(), StoreError> {
        storage()?.remove_item(key).map_err(error)
    }

    fn keys(&self) -> Result<Vec<String>, StoreError> {
        if crate::dom::PRERENDERING {
            return Ok(Vec::new());
        }
        let storage = storage()?;
        let len = storage.length().map_err(error)?;
        let mut keys = Vec::with_capacity(len as usize);
        for i in 0..len {
            if let Some(key) = storage.key(i).map_err(error)? {
                keys.push(key);
            }
        }
        Ok(keys)
    }
}
